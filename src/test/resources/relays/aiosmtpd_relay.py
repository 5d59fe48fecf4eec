"""A relay for tests, built on aiosmtpd (Debian's python3-aiosmtpd).

Writes one JSON file per message it accepts into SPOOL (envelope, MAIL parameters, the name the
client gave in EHLO/HELO and the login it used), and runs until its standard input closes.

  --helo-only        answers EHLO with 502, as an old relay that knows only RFC 821 does
  --xoauth2 USER:TOKEN  offers XOAUTH2 (besides PLAIN and LOGIN), accepting that bearer token for USER;
                     a wrong token gets Gmail's answer: a 334 with a JSON error, then 535
  --no-smtputf8      does not offer SMTPUTF8
"""
import argparse
import base64
import json
import os
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult


class HeloOnly(SMTP):
    async def smtp_EHLO(self, hostname):
        await self.push("502 5.5.1 Error: command not implemented")


class Handler:
    def __init__(self, spool, xoauth2):
        self.spool = spool
        self.xoauth2 = xoauth2
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.spool, "%06d.json" % self.count)
        with open(name + ".tmp", "w", encoding="utf-8") as out:
            json.dump({
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "options": envelope.mail_options,
                "helo": session.host_name,
                "login": session.auth_data if isinstance(session.auth_data, str) else None,
            }, out)
        # Renamed once whole, so a reader never sees half a message.
        os.rename(name + ".tmp", name)
        return "250 2.0.0 OK"

    async def auth_XOAUTH2(self, server, args):
        if self.xoauth2 is None:
            return AuthResult(success=False, handled=False)
        blob = base64.b64decode(args[1]) if len(args) == 2 else await server.challenge_auth("")
        user, token = self.xoauth2.split(":", 1)
        if blob == f"user={user}\x01auth=Bearer {token}\x01\x01".encode():
            return AuthResult(success=True, auth_data="XOAUTH2 " + user)
        await server.challenge_auth(json.dumps(
            {"status": "400", "schemes": "Bearer", "scope": "https://mail.google.com/"}))
        return AuthResult(success=False, handled=False,
                          message="535 5.7.8 Username and Password not accepted")


class Relay(Controller):
    def __init__(self, handler, helo_only, **kwargs):
        self.helo_only = helo_only
        super().__init__(handler, **kwargs)

    def factory(self):
        return (HeloOnly if self.helo_only else SMTP)(self.handler, **self.SMTP_kwargs)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("spool")
    parser.add_argument("--helo-only", action="store_true")
    parser.add_argument("--xoauth2")
    parser.add_argument("--no-smtputf8", action="store_true")
    options = parser.parse_args()
    handler = Handler(options.spool, options.xoauth2)
    relay = Relay(handler, options.helo_only, hostname="127.0.0.1", port=options.port,
                  server_hostname="relay.tidings.test", enable_SMTPUTF8=not options.no_smtputf8,
                  auth_require_tls=False)
    relay.start()
    try:
        # Until the test closes our standard input.
        sys.stdin.read()
    finally:
        relay.stop()


if __name__ == "__main__":
    main()
