package io.berth.container.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The container_mount table. */
@JdbcRepository(dialect = Dialect.H2)
public interface ContainerMountRepository extends CrudRepository<ContainerMountRow, String> {

  List<ContainerMountRow> findByContainerId(String containerId);

  List<ContainerMountRow> findByVolumeName(String volumeName);

  void deleteByContainerId(String containerId);
}
