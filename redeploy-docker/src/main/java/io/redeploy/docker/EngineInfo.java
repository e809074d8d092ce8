package io.redeploy.docker;

/** What the engine says about itself. */
public record EngineInfo(String version, String apiVersion, String operatingSystem, String architecture) {
}
