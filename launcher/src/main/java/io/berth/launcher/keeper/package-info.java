/**
 * What the supervisor keeps for the container-service across its restarts: orphaned containers
 * (adopted as a child subreaper, their exits recorded in {@code container-service/exits}) and the
 * read ends of their output pipes ({@code run/keeper.sock}).
 */
package io.berth.launcher.keeper;
