package io.berth.container.network;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The network_endpoint table. */
@JdbcRepository(dialect = Dialect.H2)
public interface EndpointRepository extends CrudRepository<EndpointRow, String> {

  List<EndpointRow> findByContainerIdOrderById(String containerId);

  List<EndpointRow> findByNetworkIdOrderById(String networkId);

  List<EndpointRow> findByIpAddressIsNotNull();

  long countByNetworkIdAndIpAddressIsNotNull(String networkId);
}
