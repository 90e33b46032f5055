-- Networks this node manages (the default bridge, host and none, and users' bridges).
CREATE TABLE network (
    id          CHAR(64)      PRIMARY KEY,
    name        VARCHAR(255)  NOT NULL UNIQUE,
    driver      VARCHAR(32)   NOT NULL,
    subnet      VARCHAR(32)   NOT NULL,
    bridge      VARCHAR(15)   NOT NULL,
    internal    BOOLEAN       NOT NULL,
    labels      CLOB          NOT NULL,
    created_at  TIMESTAMP(6)  NOT NULL
);

-- A container's connection to a network; the address, MAC and host interface are set while it
-- runs (the allocation), null otherwise. The unique address per network is what keeps two
-- containers from ever holding the same one.
CREATE TABLE network_endpoint (
    id            VARCHAR(140)  PRIMARY KEY,
    container_id  CHAR(64)      NOT NULL,
    network_id    CHAR(64)      NOT NULL REFERENCES network(id),
    aliases       CLOB          NOT NULL,
    ip_address    VARCHAR(15),
    mac_address   VARCHAR(17),
    veth          VARCHAR(15),
    UNIQUE (network_id, ip_address)
);
CREATE INDEX network_endpoint_container ON network_endpoint(container_id);

-- Published ports of running containers: DNAT rules to their first network's address.
CREATE TABLE published_port (
    id              VARCHAR(140)  PRIMARY KEY,
    container_id    CHAR(64)      NOT NULL,
    protocol        VARCHAR(3)    NOT NULL,
    container_port  INT           NOT NULL,
    host_ip         VARCHAR(45)   NOT NULL,
    host_port       INT           NOT NULL,
    target_ip       VARCHAR(15)   NOT NULL,
    bridge          VARCHAR(15)   NOT NULL,
    UNIQUE (protocol, host_ip, host_port)
);
CREATE INDEX published_port_container ON published_port(container_id);
