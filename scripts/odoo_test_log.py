#!/usr/bin/env python3
"""Read the log of an Odoo test run (`odoo --test-enable --stop-after-init`).

    odoo_test_log.py LOG

Prints the skipped tests with their reasons and the log records of level
ERROR or CRITICAL, then one last line:

    counts PASSED FAILED SKIPPED RESULT

RESULT is "ok" or the reason the run failed.  What it reads:

- Odoo's own total, logged last by odoo.tests.result:
  "F failed, E error(s) of T tests when loading database 'DB'" (T counts the
  skipped tests too);
- a skipped test: an INFO record "skipped <Class.test> : <reason>", which
  odoo.tests.result.OdooTestResult.addSkip logs for every unittest.SkipTest:
  skip decorators, self.skipTest(), and the browser tests Odoo skips by
  itself (websocket-client missing, no Chrome/Chromium, no devtools
  connection).  A class whose setUpClass skips is logged as
  "skipped setUpClass (...)" and is not in T;
- any ERROR or CRITICAL record: the run failed, even when Odoo's total says
  "0 failed" (e.g. an error while loading a module or importing its tests).
"""

import re
import sys

HEADER = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<message>.*)$"
)
RESULT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests"
    r" when loading database"
)
SKIP = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")


def parse(lines):
    result = None
    skipped_run = []  # skipped tests counted in Odoo's total
    skipped_extra = []  # skipped setUpClass: not in the total
    errors = []
    for line in lines:
        match = HEADER.match(line.rstrip("\n"))
        if not match:
            continue
        level, message = match["level"], match["message"]
        if match["logger"] == "odoo.tests.result":
            found = RESULT.search(message)
            if found:
                result = {k: int(v) for k, v in found.groupdict().items()}
                continue
        if level == "INFO":
            found = SKIP.match(message)
            if found:
                item = (found["test"], found["reason"])
                if found["test"].startswith(("setUpClass (", "setUpModule (")):
                    skipped_extra.append(item)
                else:
                    skipped_run.append(item)
        elif level in ("ERROR", "CRITICAL"):
            errors.append(f"{level} {match['logger']}: {message}")
    return result, skipped_run, skipped_extra, errors


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8", errors="replace") as log:
        result, skipped_run, skipped_extra, errors = parse(log)

    for test, reason in skipped_run + skipped_extra:
        print(f"skipped: {test}: {reason}")
    for error in errors[:20]:
        print(f"error: {error[:300]}")
    if len(errors) > 20:
        print(f"error: ... and {len(errors) - 20} more ERROR/CRITICAL records")

    skipped = len(skipped_run) + len(skipped_extra)
    if result is None:
        print(f"counts 0 1 {skipped} no test result in the log (the run broke off)")
        return 0
    failed = result["failed"] + result["errors"]
    passed = max(0, result["total"] - failed - len(skipped_run))
    if failed:
        status = f"{failed} test(s) failed"
    elif errors:
        # Failing tests log ERROR records themselves; these are other errors.
        failed = 1
        status = f"{len(errors)} ERROR/CRITICAL record(s) in the log"
    elif result["total"] == 0:
        status = "no test ran"
    else:
        status = "ok"
    print(f"counts {passed} {failed} {skipped} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
