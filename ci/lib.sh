#!/usr/bin/env bash
# Shared helpers of the ci/ step scripts (sourced, not run). Each step script is runnable on a laptop with the
# same arguments the Jenkinsfile gives it.

# The repository root, whatever folder a step was started from.
CI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf '==> %s\n' "$*"; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# The project version from the root pom (the <version> right after the shop-parent artifactId).
project_version() {
  sed -n '/<artifactId>shop-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$CI_ROOT/pom.xml" | head -n 1
}

# The deployable service modules: the modules that apply Spring Boot's repackage plugin.
service_modules() {
  local module
  sed -n 's:.*<module>\(.*\)</module>.*:\1:p' "$CI_ROOT/pom.xml" | while read -r module; do
    if grep -q '<artifactId>spring-boot-maven-plugin</artifactId>' "$CI_ROOT/$module/pom.xml"; then echo "$module"; fi
  done
}

require_service() {
  local service=${1:-}
  [ -n "$service" ] || fail "name a service module (one of: $(service_modules | tr '\n' ' '))"
  local all
  all=$(service_modules)
  grep -qx "$service" <<< "$all" || fail "$service is not a service module (one of: $(service_modules | tr '\n' ' '))"
}

# An immutable image tag: <version>-<short sha> of the commit checked out (GIT_COMMIT in Jenkins).
image_tag() {
  local sha=${GIT_COMMIT:-$(git -C "$CI_ROOT" rev-parse HEAD)}
  echo "$(project_version)-${sha:0:7}"
}

# The repository part of an image name: SHOP_REGISTRY (for example registry.example.com/shop) or "shop".
image_repository() { echo "${SHOP_REGISTRY:-shop}/$1"; }

# SERVICE -> the variable docker-compose.yml reads its tag from (order-service -> ORDER_SERVICE_TAG).
tag_variable() { echo "$1" | tr 'a-z-' 'A-Z_' | sed 's/$/_TAG/'; }

# The HTTP port a service listens on (server.port in its application.yml).
service_port() {
  sed -n '/^server:/,/^[^ ]/s/^  port: *\([0-9]*\).*/\1/p' "$CI_ROOT/$1/src/main/resources/application.yml" | head -n 1
}

# Where ci/image records the reference of the image it built, for the later steps of the same build.
image_record() { echo "$CI_ROOT/$1/target/ci/image.txt"; }

# ./mvnw in batch mode from the repository root, the command printed first. SHOP_MAVEN_REPO (a path; a relative
# one is taken from the repository root) gives the steps a local Maven repository of their own: the Jenkinsfile
# sets it so that parallel branches, and builds of other branches on the same agent, never install snapshots
# of this project into each other's repository.
maven() {
  local options=(-B -ntp)
  case ${SHOP_MAVEN_REPO:-} in
    '') ;;
    /*) options+=("-Dmaven.repo.local=$SHOP_MAVEN_REPO") ;;
    *) options+=("-Dmaven.repo.local=$CI_ROOT/$SHOP_MAVEN_REPO") ;;
  esac
  say "./mvnw ${options[*]} $*"
  (cd "$CI_ROOT" && ./mvnw "${options[@]}" "$@")
}
