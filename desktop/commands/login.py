"""`coze-desktop login` and `logout`: sign in to Coze with OAuth (device code) from a terminal.

    coze-desktop [--profile DIR] login [--region cn|com] [--api-base URL] [--client-id ID]
    coze-desktop [--profile DIR] logout [--region cn|com] [--api-base URL]

`login` prints the verification URL and the code, polls until the code is confirmed, and stores
the tokens in the keyring. Exit 0 signed in, 1 refused/expired/denied (or Coze unreachable),
2 usage (no client id, bad address, no keyring and no way to keep the tokens).
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any

from desktop.commands.advice import advice
from desktop.commands.connect import SetupProblem, api_base_of, resolver_for
from desktop.commands.exit_codes import ExitCode
from desktop.commands.speech import say
from desktop.core.auth.account import AccountCredential, StoredTokens
from desktop.core.auth.credentials import REGIONS, client_id_for, remember_client_id
from desktop.core.auth.oauth import OAuthClient, SignInCancelled
from desktop.core.coze import CozeError
from desktop.core.profile import Profile
from desktop.core.secrets import TokenStore, TokenStoreError
from desktop.core.settings import Settings

HOW_TO_CLIENT_ID = (
    "create an OAuth app on Coze (https://www.coze.cn/open/oauth/apps, or www.coze.com for coze.com): "
    "app type 普通 (normal), client type “TV端/设备应用/类命令行程序” (device / command-line app), "
    "then pass its client ID with --client-id or COZE_CLIENT_ID"
)


def register(subparsers: Any) -> None:
    login = subparsers.add_parser(
        "login",
        help="sign in to Coze with your account (OAuth device code)",
        description="Sign in to Coze: open the printed URL, confirm the code, and the tokens go to the keyring.",
    )
    _base_arguments(login)
    login.add_argument("--client-id", metavar="ID", help="your Coze OAuth app's client ID (saved for this API base)")
    login.set_defaults(handler=run_login)
    logout = subparsers.add_parser(
        "logout", help="sign out: delete this API base's OAuth tokens from the keyring", description="Sign out."
    )
    _base_arguments(logout)
    logout.set_defaults(handler=run_logout)


def _base_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", choices=sorted(REGIONS), help="cn = coze.cn (default), com = coze.com")
    parser.add_argument("--api-base", metavar="URL", help="a custom API base (beats --region; or COZE_API_BASE)")


def _fail(verb: str, message: str, code: int) -> int:
    print(f"coze-desktop {verb}: {message}", file=sys.stderr)
    return code


def _api_base(args: argparse.Namespace, settings: Settings) -> str:
    """--api-base > COZE_API_BASE > --region > the settings (desktop.core.destination's order, with
    the region standing in for the saved address)."""
    saved = REGIONS[args.region] if args.region else settings.api_base
    return api_base_of(resolver_for(settings), saved, args.api_base)


def _where(args: argparse.Namespace) -> tuple[Profile, Settings, str]:
    """The profile, its settings and the API base the verb acts on; raises SetupProblem."""
    profile = Profile(args.profile) if args.profile else Profile.default()
    settings = Settings.load(profile.settings_path)
    return profile, settings, _api_base(args, settings)


def run_login(args: argparse.Namespace) -> int:
    try:
        profile, settings, api_base = _where(args)
    except SetupProblem as exc:
        return _fail("login", str(exc), ExitCode.USAGE)
    client_id = client_id_for(api_base, settings, args.client_id)
    if not client_id:
        return _fail(
            "login",
            say("no OAuth client ID for {api_base}: {how}", api_base=api_base, how=say(HOW_TO_CLIENT_ID)),
            ExitCode.USAGE,
        )
    store = TokenStore()
    if not store.available:
        print(
            "coze-desktop login: " + say("{problem}; the sign-in lasts for this command only", problem=store.problem),
            file=sys.stderr,
        )
    cancel = threading.Event()
    try:
        with OAuthClient(api_base, client_id) as oauth:
            code = oauth.device_code()
            print(f"Open {code.verification_url}", flush=True)
            print(f"and confirm the code: {code.user_code}", flush=True)
            print(f"请在浏览器中打开上面的网址并确认登录码：{code.user_code}", flush=True)
            token = oauth.wait_for_token(code, cancel)
    except CozeError as exc:
        return _fail("login", f"{exc.summary()} — {advice(exc, settings, api_base=api_base)}", ExitCode.ERROR)
    except (KeyboardInterrupt, SignInCancelled):
        return _fail("login", say("cancelled"), ExitCode.INTERRUPTED)
    try:
        AccountCredential(api_base, store).save(StoredTokens.from_token(client_id, token))
    except TokenStoreError as exc:
        return _fail("login", say("the tokens could not be saved: {reason}", reason=exc), ExitCode.ERROR)
    if args.client_id:
        remember_client_id(settings, api_base, client_id)
        profile.ensure()
        settings.save(profile.settings_path)
    print(say("Signed in to {api_base}.", api_base=api_base), flush=True)
    return ExitCode.OK


def run_logout(args: argparse.Namespace) -> int:
    try:
        _, _, api_base = _where(args)
    except SetupProblem as exc:
        return _fail("logout", str(exc), ExitCode.USAGE)
    account = AccountCredential(api_base, TokenStore())
    try:
        was_signed_in = account.signed_in
        account.sign_out()
    except TokenStoreError as exc:
        return _fail("logout", str(exc), ExitCode.ERROR)
    if was_signed_in:
        print(say("Signed out of {api_base}.", api_base=api_base))
    else:
        print(say("Not signed in to {api_base}; nothing to remove.", api_base=api_base))
    return ExitCode.OK
