package io.redeploy.app.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.redeploy.api.ApiResult;
import io.redeploy.api.ErrorResponse;
import io.redeploy.core.AccessDeniedException;
import io.redeploy.core.AuthenticationException;
import io.redeploy.core.ConflictException;
import io.redeploy.core.InvalidInputException;
import io.redeploy.core.NotFoundException;
import io.redeploy.core.RedeployException;
import io.redeploy.core.access.TooManyAttemptsException;
import io.redeploy.core.access.WrongCredentialsException;
import io.redeploy.core.runtime.ContainerPathNotFoundException;
import io.redeploy.core.redeploy.NodeRedeployException;
import io.redeploy.core.runtime.ContainerRuntimeException;
import io.redeploy.core.runtime.ImageNotFoundException;
import io.redeploy.core.runtime.RegistryAuthenticationException;

/**
 * Turns every failure into the API's own answer: a non-zero {@code result}, an {@code error} sentence
 * and the HTTP status that goes with the result (see {@link ApiResult}).
 */
@RestControllerAdvice
class ApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(RedeployException.class)
	ResponseEntity<ErrorResponse> coreFailure(RedeployException ex) {
		ApiResult result = resultOf(ex);
		if (result.httpStatus() >= 500) {
			logger.warn("Call failed: {}", ex.getMessage(), ex);
		}
		return answer(result, ex.getMessage());
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ErrorResponse> missingParameter(MissingServletRequestParameterException ex) {
		return answer(ApiResult.INVALID_PARAMETER, ex.getParameterName() + " is required");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ErrorResponse> malformedParameter(MethodArgumentTypeMismatchException ex) {
		Class<?> type = ex.getParameter().nestedIfOptional().getNestedParameterType();
		String expected = switch (type.getSimpleName()) {
			case "long", "Long", "int", "Integer" -> "a whole number";
			case "boolean", "Boolean" -> "true or false";
			default -> "a " + type.getSimpleName();
		};
		return answer(ApiResult.INVALID_PARAMETER, ex.getName() + " must be " + expected);
	}

	@ExceptionHandler(JacksonException.class)
	ResponseEntity<ErrorResponse> malformedJson(JacksonException ex) {
		return answer(ApiResult.INVALID_PARAMETER, "A JSON parameter is malformed: " + ex.getOriginalMessage());
	}

	// Tomcat refuses to parse a form over server.tomcat.max-http-form-post-size (or with too many
	// parameters) only when a parameter is first read, so this surfaces here rather than as an HTTP error.
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ErrorResponse> unparsableForm(InvalidParameterException ex) {
		if (ex.getErrorCode() == ApiResult.TOO_LARGE.httpStatus()) {
			return answer(ApiResult.TOO_LARGE, "The request body is larger than the service accepts");
		}
		return answer(ApiResult.INVALID_PARAMETER, "The request's parameters cannot be read: " + ex.getMessage());
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ErrorResponse> wrongMethod(HttpRequestMethodNotSupportedException ex) {
		return ResponseEntity.status(405).body(ErrorResponse.of(ApiResult.INVALID_PARAMETER, "Use GET or POST"));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ErrorResponse> unknownMethod(NoResourceFoundException ex) {
		return answer(ApiResult.UNKNOWN_METHOD, "No such method: /" + ex.getResourcePath());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ErrorResponse> unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return answer(ApiResult.INTERNAL_ERROR, "Internal error: " + ex.getClass().getSimpleName());
	}

	static ApiResult resultOf(RedeployException ex) {
		if (ex instanceof InvalidInputException) {
			return ApiResult.INVALID_PARAMETER;
		}
		if (ex instanceof TooManyAttemptsException) {
			return ApiResult.TOO_MANY_ATTEMPTS;
		}
		if (ex instanceof WrongCredentialsException) {
			return ApiResult.AUTHENTICATION_FAILED;
		}
		if (ex instanceof AuthenticationException) {
			return ApiResult.SESSION_REQUIRED;
		}
		if (ex instanceof AccessDeniedException) {
			return ApiResult.PERMISSION_DENIED;
		}
		if (ex instanceof NotFoundException || ex instanceof ContainerPathNotFoundException) {
			return ApiResult.NOT_FOUND;
		}
		if (ex instanceof ConflictException) {
			return ApiResult.CONFLICT;
		}
		if (ex instanceof ImageNotFoundException) {
			return ApiResult.IMAGE_NOT_FOUND;
		}
		if (ex instanceof RegistryAuthenticationException) {
			return ApiResult.REGISTRY_AUTH_FAILED;
		}
		if (ex instanceof NodeRedeployException) {
			return ApiResult.REDEPLOY_FAILED;
		}
		if (ex instanceof ContainerRuntimeException) {
			return ApiResult.ENGINE_FAILURE;
		}
		return ApiResult.INTERNAL_ERROR;
	}

	private static ResponseEntity<ErrorResponse> answer(ApiResult result, String error) {
		// JSON even to a client that asked for something else (an EventSource asks for text/event-stream)
		return ResponseEntity.status(result.httpStatus())
			.contentType(MediaType.APPLICATION_JSON)
			.body(ErrorResponse.of(result, error));
	}

}
