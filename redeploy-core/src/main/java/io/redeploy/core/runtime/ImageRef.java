package io.redeploy.core.runtime;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Docker image reference split into repository (with its registry, if any) and tag.
 * Parses {@code repo}, {@code repo:tag}, {@code registry:port/repo:tag}; digests are not supported.
 */
public record ImageRef(String repository, String tag) {

	private static final Pattern REPOSITORY = Pattern
		.compile("(?:[a-zA-Z0-9.-]+(?::[0-9]{1,5})?/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*");

	private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

	public ImageRef {
		Objects.requireNonNull(repository, "repository");
		Objects.requireNonNull(tag, "tag");
		if (repository.length() > 255 || !REPOSITORY.matcher(repository).matches()) {
			throw new InvalidImageReferenceException(repository + ":" + tag, "repository '" + repository + "' is not a valid image repository");
		}
		if (!TAG.matcher(tag).matches()) {
			throw new InvalidImageReferenceException(repository + ":" + tag, "tag '" + tag + "' is not a valid image tag");
		}
	}

	/** Parses a full reference; a reference without a tag means {@code latest}. */
	public static ImageRef parse(String reference) {
		if (reference == null || reference.isBlank()) {
			throw new InvalidImageReferenceException(String.valueOf(reference), "an image reference is required");
		}
		String ref = reference.trim();
		if (ref.contains("@")) {
			throw new InvalidImageReferenceException(ref, "image digests are not supported, use a tag");
		}
		int slash = ref.lastIndexOf('/');
		int colon = ref.lastIndexOf(':');
		if (colon > slash) {
			return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1));
		}
		return new ImageRef(ref, "latest");
	}

	/**
	 * The image a redeploy moves to: a bare tag ({@code 2.0}) keeps this repository, a full reference
	 * ({@code repo:2.0}, {@code registry:5000/repo:2.0}) replaces it.
	 */
	public ImageRef resolve(String tagOrReference) {
		if (tagOrReference == null || tagOrReference.isBlank()) {
			throw new InvalidImageReferenceException(String.valueOf(tagOrReference), "a tag is required");
		}
		String value = tagOrReference.trim();
		if (value.contains(":") || value.contains("/")) {
			return parse(value);
		}
		return new ImageRef(this.repository, value);
	}

	/** The registry host (with port) this image is pulled from, or {@code docker.io} when none is named. */
	public String registry() {
		int slash = this.repository.indexOf('/');
		if (slash > 0) {
			String first = this.repository.substring(0, slash);
			if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
				return first;
			}
		}
		return "docker.io";
	}

	@Override
	public String toString() {
		return this.repository + ":" + this.tag;
	}

}
