"""Opens a GnuCash book read-only through GnuCash's own engine and prints every account's balance as JSON."""
import json
import sys

from gnucash import Session, SessionOpenMode

session = Session("sqlite3://" + sys.argv[1], SessionOpenMode.SESSION_READ_ONLY)
try:
    balances = {}
    for account in session.book.get_root_account().get_descendants():
        balance = account.GetBalance()
        balances[account.get_full_name()] = [balance.num(), balance.denom()]
    print(json.dumps(balances))
finally:
    session.end()
