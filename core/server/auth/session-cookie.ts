import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from './authenticate';
import type { LoginSession } from './login-sessions';

/** The login cookie: HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS, until the login ends. */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  session: LoginSession,
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: Math.max(0, Math.floor((session.expiresAt - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}
