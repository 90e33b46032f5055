#!/bin/sh
# berth-component <component> [args]: runs one Berth component from the image built by
# docker/Dockerfile. Components: gateway, image-service, layer-service, container-service, and
# topics (creates the Berth topics on the cluster: io.berth.launcher.TopicSetup).
set -eu
component="${1:-}"
[ $# -gt 0 ] && shift
case "$component" in
  gateway) module=gateway main=io.berth.gateway.GatewayApplication ;;
  image-service) module=image-service main=io.berth.image.ImageServiceApplication ;;
  layer-service) module=layer-service main=io.berth.layer.LayerServiceApplication ;;
  container-service) module=container-service main=io.berth.container.ContainerServiceApplication ;;
  topics)
    exec java -Dberth.component=topics -Dlogback.configurationFile=berth-cli-logback.xml \
      -cp "$(cat /app/launcher/classpath)" io.berth.launcher.TopicSetup "$@"
    ;;
  *)
    echo "usage: berth-component gateway|image-service|layer-service|container-service|topics [args]" >&2
    exit 2
    ;;
esac
# BERTH_JAVA_OPTS is split on spaces on purpose.
# shellcheck disable=SC2086
exec java -Dberth.component="$component" ${BERTH_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m} \
  -cp "$(cat "/app/$module/classpath")" "$main" "$@"
