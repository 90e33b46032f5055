package io.berth.gateway.audit;

import java.util.List;

/**
 * One page of the audit history.
 *
 * @param entries the entries, oldest first
 * @param page this page's number, from 0
 * @param limit the page size
 * @param total how many entries the query selects over all pages
 */
record AuditPage(List<AuditEntry> entries, int page, int limit, long total) {}
