package io.redeploy.app.access;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.redeploy.api.ResultResponse;
import io.redeploy.api.SigninResponse;
import io.redeploy.core.access.AccessService;
import io.redeploy.core.access.Caller;
import io.redeploy.core.access.Session;

/** {@code users/authentication}: sign in and out. */
@RestController
@RequestMapping(path = "/1.0/users/authentication/rest", method = { RequestMethod.GET, RequestMethod.POST })
class AuthenticationController {

	private final AccessService access;

	AuthenticationController(AccessService access) {
		this.access = access;
	}

	@RequestMapping("/signin")
	SigninResponse signin(@RequestParam String login, @RequestParam String password) {
		Session session = this.access.signIn(login, password);
		Caller caller = this.access.authenticate(session.token());
		return new SigninResponse(0, session.token(), caller.login(), caller.role().name(), session.expiresAt());
	}

	@RequestMapping("/signout")
	ResultResponse signout(@RequestParam String session) {
		this.access.signOut(session);
		return ResultResponse.ok();
	}

}
