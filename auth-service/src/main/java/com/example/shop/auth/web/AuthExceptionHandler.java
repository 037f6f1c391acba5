package com.example.shop.auth.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.example.shop.common.problem.ProblemExceptionHandler;

/**
 * The one exception handler of auth-service. Errors of the OAuth2 endpoints never reach
 * it (the authorization server's filters answer them in RFC 6749 form); it turns the
 * rest, such as an unknown path, into problems.
 */
@RestControllerAdvice
class AuthExceptionHandler extends ProblemExceptionHandler {

}
