# syntax=docker/dockerfile:1
# Cutover: build with the Maven wrapper on JDK 17, run on a JRE 17 as a non-root user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
COPY processes processes
# the cache mount keeps ~/.m2 (and the wrapper's Maven) between builds, out of the image
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -B -DskipTests package \
    && cp target/cutover-*.jar /build/cutover.jar

# Ubuntu-based: has curl for the health check
FROM eclipse-temurin:17-jre-noble
RUN groupadd --system --gid 10001 cutover \
    && useradd --system --uid 10001 --gid cutover --home-dir /app --shell /usr/sbin/nologin cutover \
    && mkdir -p /app/data \
    && chown -R cutover:cutover /app
WORKDIR /app
COPY --from=build --chown=cutover:cutover /build/cutover.jar /app/cutover.jar
# the migration plan (cutover.plan, by default plans/clearmyrecord.yaml from /app): mount another
# plan over it or next to it and set CUTOVER_PLAN
COPY --chown=cutover:cutover plans /app/plans
USER cutover:cutover
# ./data (H2, and in rehearsal the generated admin password and the world's seal key) is /app/data:
# mount a volume there to keep it
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/actuator/health" || exit 1
# the base image's entrypoint stays (it adds /certificates to the trust store on request) and execs this
CMD ["java", "-jar", "/app/cutover.jar"]
