package io.redeploy.api;

/** A file's content. */
public record FileReadResponse(int result, String body) {
}
