package io.redeploy.app.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import io.redeploy.core.access.AccessService;
import io.redeploy.core.access.Caller;

/**
 * Gives handler methods the {@link Caller} of the request's session: the {@code session} parameter,
 * or an {@code Authorization: Bearer <session>} header.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final AccessService access;

	CallerArgumentResolver(AccessService access) {
		this.access = access;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		String session = request.getParameter("session");
		String authorization = request.getHeader("Authorization");
		if ((session == null || session.isBlank()) && authorization != null && authorization.startsWith("Bearer ")) {
			session = authorization.substring("Bearer ".length()).trim();
		}
		return this.access.authenticate(session);
	}

}
