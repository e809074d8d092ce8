package io.redeploy.api;

import java.util.List;

/**
 * Tags a node's image repository has: from its registry ({@code source} {@code registry}) or, when the
 * registry cannot be asked, the ones the local engine holds ({@code source} {@code local}, with the
 * reason in {@code warning}).
 */
public record ImageTagsResponse(int result, String repository, String currentTag, String source, List<String> tags,
		String warning) {
}
