package io.redeploy.app.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.redeploy.core.InvalidInputException;

/** Reads the API's JSON-valued parameters ({@code nodes}, {@code vars}, {@code commandList} …) with clear errors. */
@Component
public class JsonParameters {

	private final JsonMapper json;

	JsonParameters(JsonMapper json) {
		this.json = json;
	}

	/** The parameter parsed as JSON; a malformed value is an {@link InvalidInputException} naming it. */
	public JsonNode parse(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(name + " is required");
		}
		try {
			return this.json.readTree(value);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new InvalidInputException(name + " is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/** A JSON object of string values, e.g. {@code {"A": "1"}}. */
	public Map<String, String> stringMap(String name, JsonNode node) {
		if (!node.isObject()) {
			throw new InvalidInputException(name + " must be a JSON object of names to values");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			if (!value.isValueNode() || value.isNull()) {
				throw new InvalidInputException(name + "." + field.getKey() + " must be a string, number or boolean");
			}
			values.put(field.getKey(), value.asString());
		}
		return values;
	}

	/** A JSON array of strings; a lone string counts as an array of one. */
	public List<String> stringList(String name, JsonNode node) {
		if (node.isString()) {
			return List.of(node.asString());
		}
		if (!node.isArray()) {
			throw new InvalidInputException(name + " must be a JSON array of strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode element : node) {
			if (!element.isValueNode() || element.isNull()) {
				throw new InvalidInputException(name + " must be a JSON array of strings");
			}
			values.add(element.asString());
		}
		return values;
	}

	/**
	 * A command line as Docker takes it: a JSON array is the exec form, a plain string runs through
	 * {@code sh -c}, and an empty value keeps the image's own.
	 */
	public List<String> commandLine(String name, String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		String trimmed = value.trim();
		if (trimmed.startsWith("[")) {
			return stringList(name, parse(name, trimmed));
		}
		return List.of("sh", "-c", trimmed);
	}

	/** A command line inside a JSON document: a string (through {@code sh -c}) or an array. */
	public List<String> commandLine(String name, JsonNode node) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (node.isString()) {
			return node.asString().isBlank() ? List.of() : List.of("sh", "-c", node.asString());
		}
		return stringList(name, node);
	}

}
