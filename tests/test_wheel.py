"""The addons as OCA wheels (issue 15, item 7): build them with whool, install
them into a fresh virtualenv with a real Odoo 18 and nothing else, and check
that pip pulled in what they need and that Odoo finds and installs them.

A plain pytest module (no Odoo test case). What it does:

1. builds `odoo-addon-borgerraadgiver` and the three glue addons' wheels
   with `pip wheel --no-deps` (whool, the build backend of each addon's
   pyproject.toml; without build isolation when whool is installed in the
   interpreter running the test, else pip fetches whool). whool packs the
   files git tracks: a new file must be added to git to be in the wheel;
2. makes a wheelhouse of Odoo and what the wheels need: Odoo's distribution
   (the wheel of $ODOO_SHARED, else the file .venv was installed from), Odoo's
   pinned requirements beside it, and requirements.txt's lines for
   odoo-addon-report_xlsx and holidays. `pip wheel` fills it once (from pip's
   cache or PyPI) into var/cache/wheelhouse/ (or $BR_WHEELHOUSE), keyed by
   its inputs; later runs are offline;
3. creates a new venv from the base interpreter (no system site-packages, so
   nothing of .venv leaks in), installs Odoo into it from the wheelhouse only
   (`--no-index`), then `pip install` of the four built wheels: pip must
   resolve odoo-addon-report_xlsx and holidays by itself from their metadata;
4. checks in the new venv: the addons import from its site-packages
   (odoo/addons/<name>), every file git tracks in an addon folder is
   installed, Odoo's check of the manifest's external dependencies passes;
5. with a PostgreSQL server in the environment (ODOO_DB_HOST or PGHOST, with
   ODOO_DB_PORT/PGPORT, ODOO_DB_USER/PGUSER, ODOO_DB_PASSWORD/PGPASSWORD, as
   scripts/with-postgres.sh or pg_virtualenv set them): `odoo -i` of the
   glue addons (which pulls in borgerraadgiver, report_xlsx, calendar, sms
   and spreadsheet_dashboard) with demo data and Danish into a throwaway
   database, from the new venv with no addons path, then drops it. Without
   PostgreSQL in the environment that test is skipped.

Measured on 2 cores: about 55 s with PostgreSQL (35 s of it odoo -i), 15 s
without; the first run fills the wheelhouse, 10 s more with pip's cache warm.
With whool in .venv the wheels build offline. Run it alone:

    flock /tmp/br-tests.lock .venv/bin/python -m pytest tests/test_wheel.py -q
"""

import ast
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import uuid
import zipfile
from email.parser import HeaderParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAIN = "borgerraadgiver"
GLUE = (
    "borgerraadgiver_calendar",
    "borgerraadgiver_sms",
    "borgerraadgiver_dashboard",
    "borgerraadgiver_portal",
)
ADDONS = (MAIN, *GLUE)
# requirements.txt's lines that the wheels require besides Odoo
WHEEL_REQUIREMENTS = ("odoo-addon-report_xlsx", "holidays", "python-docx")
TIMEOUT = 600
# OCA's sections of an addon's README (oca-gen-addon-readme's template), from
# the fragments readme/<NAME>.md, after readme/DESCRIPTION.md
README_SECTIONS = (
    ("CONTEXT", "Use Cases / Context"),
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("DEVELOP", "Development"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
)


def dist_name(addon):
    return f"odoo-addon-{addon}"


def run(cmd, env=None, cwd=None):
    """Run cmd; on failure show its output in the assertion."""
    proc = subprocess.run(
        [str(c) for c in cmd],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0, (
        f"{' '.join(map(str, cmd))} exited {proc.returncode}\n"
        f"--- stdout\n{proc.stdout[-5000:]}\n--- stderr\n{proc.stderr[-5000:]}"
    )
    return proc


def requirement_lines(names):
    """requirements.txt's lines (comments stripped) for the given names."""
    wanted = {n.lower().replace("_", "-") for n in names}
    lines = []
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        name = re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0]
        if line and name.lower().replace("_", "-") in wanted:
            lines.append(line)
    assert len(lines) == len(wanted), f"requirements.txt lacks one of {names}"
    return lines


def readme_from_fragments(addon):
    """An addon's README.md (the wheel's long description, as whool reads
    it) put together from its readme/ fragments the way OCA's
    oca-gen-addon-readme does for README.rst, without its GitHub links."""
    folder = ROOT / addon
    manifest = ast.literal_eval((folder / "__manifest__.py").read_text())

    def fragment(name):
        path = folder / "readme" / f"{name}.md"
        return path.read_text().strip() if path.is_file() else None

    parts = [
        "<!-- Generated from the fragments in readme/ by"
        " `.venv/bin/python tests/test_wheel.py --write-readmes`: edit those. -->",
        "<!-- prettier-ignore-start -->",
        f"# {manifest['name']}",
        fragment("DESCRIPTION"),
    ]
    for name, title in README_SECTIONS:
        if fragment(name):
            parts += [f"## {title}", fragment(name)]
    parts += ["## Credits", "### Authors", f"- {manifest['author']}"]
    if fragment("CONTRIBUTORS"):
        parts += ["### Contributors", fragment("CONTRIBUTORS")]
    parts.append("<!-- prettier-ignore-end -->")
    return "\n\n".join(parts) + "\n"


def odoo_distribution():
    """Odoo 18's distribution (wheel or sdist) and its pinned requirements.

    $ODOO_SHARED (relative to the repository, as the Makefile passes it) or
    ../shared/odoo beside the repository when it holds a wheel; else the file
    .venv's Odoo was installed from (direct_url.json: the shared wheel, or the
    source tarball that scripts/make-venv.sh keeps in var/cache/).
    """
    folders = []
    if os.environ.get("ODOO_SHARED"):
        folders.append(ROOT / os.environ["ODOO_SHARED"])
    folders.append(ROOT.parent / "shared" / "odoo")
    for folder in folders:
        wheels = sorted(folder.glob("odoo-18.0*.whl"))
        if wheels:
            requirements = folder / "requirements.txt"
            return wheels[-1], requirements if requirements.is_file() else None
    try:
        direct_url = json.loads(
            importlib.metadata.distribution("odoo").read_text("direct_url.json")
        )
        path = Path(unquote(urlparse(direct_url["url"]).path))
    except (importlib.metadata.PackageNotFoundError, TypeError, KeyError):
        path = ROOT / "var" / "cache" / "odoo_18.0.latest.tar.gz"
    if not path.is_file():
        pytest.fail(
            "no Odoo 18 distribution: set ODOO_SHARED to the folder of Odoo's "
            "wheel, or run make venv first"
        )
    requirements = path.parent / "requirements.txt"
    if not requirements.is_file():
        requirements = ROOT / "var" / "cache" / "odoo-requirements.txt"
    return path, requirements if requirements.is_file() else None


def wheelhouse(odoo_dist, odoo_requirements):
    """A folder of wheels: Odoo, its requirements, report_xlsx, holidays."""
    extra = requirement_lines(WHEEL_REQUIREMENTS)
    key = hashlib.sha256()
    key.update(sysconfig.get_python_version().encode())
    key.update(f"{odoo_dist.name} {odoo_dist.stat().st_size}".encode())
    if odoo_requirements:
        key.update(odoo_requirements.read_bytes())
    key.update("\n".join(extra).encode())
    base = Path(os.environ.get("BR_WHEELHOUSE") or ROOT / "var/cache/wheelhouse")
    house = base / key.hexdigest()[:16]
    if (house / ".complete").exists():
        return house
    base.mkdir(parents=True, exist_ok=True)
    for old in base.iterdir():  # earlier inputs, or a run that was cut short
        if re.fullmatch(r"[0-9a-f]{16}(\.part)?", old.name):
            shutil.rmtree(old, ignore_errors=True)
    part = base / (house.name + ".part")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--disable-pip-version-check",
    ]
    cmd += ["--wheel-dir", part]
    if odoo_requirements:
        cmd += ["-r", odoo_requirements]
    run([*cmd, odoo_dist, *extra])
    part.rename(house)
    (house / ".complete").touch()
    return house


def build_wheels(dest):
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet"]
    cmd += ["--disable-pip-version-check", "--wheel-dir", dest]
    # whool in this interpreter: build offline with it; else pip fetches whool
    # into an isolated build environment
    if importlib.util.find_spec("whool") is not None:
        cmd.append("--no-build-isolation")
    run([*cmd, *(ROOT / addon for addon in ADDONS)], cwd=ROOT)
    wheels = {}
    for addon in ADDONS:
        prefix = dist_name(addon).replace("-", "_") + "-"
        found = [w for w in Path(dest).glob("*.whl") if w.name.startswith(prefix)]
        assert len(found) == 1, f"{addon}: {found}"
        wheels[addon] = found[0]
    return wheels


def clean_env(**extra):
    """The environment for the new venv: nothing that points at .venv or at
    another package source."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "ODOO_RC")
        and not k.startswith("PIP_")
    }
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.update(extra)
    return env


def wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(zf.read(name).decode())


def tracked_files(addon):
    """The files git tracks in an addon folder (None without git)."""
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "."],
            cwd=ROOT / addon,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {f for f in out.split("\0") if f and f != "pyproject.toml"}


# pytest-odoo, when installed, loads a registry of --odoo-database for every
# test and may start Odoo's HTTP server: none of that here (this test runs
# its own Odoo in another venv).
@pytest.fixture(scope="session", autouse=True)
def load_registry():
    yield


@pytest.fixture(scope="session", autouse=True)
def load_http():
    yield


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The four wheels, built from the working tree's tracked files."""
    return build_wheels(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def venv(built):
    """A new venv with Odoo 18 from the wheelhouse and the four wheels."""
    odoo_dist, odoo_requirements = odoo_distribution()
    house = wheelhouse(odoo_dist, odoo_requirements)
    tmp = Path(tempfile.mkdtemp(prefix="br-wheel-venv-"))
    try:
        run([sys.executable, "-m", "venv", tmp / "venv"])
        python = tmp / "venv" / "bin" / "python"
        env = clean_env()
        pip = [python, "-m", "pip", "install", "--no-index", "--find-links", house]
        # Odoo as a server is installed: its pinned requirements and itself
        odoo_reqs = ["-r", odoo_requirements] if odoo_requirements else []
        run([*pip, "--quiet", "--no-compile", *odoo_reqs, "odoo"], env=env)
        # then only the built wheels: pip resolves what they require
        report = tmp / "pip-report.json"
        run([*pip, "--report", report, *built.values()], env=env)
        yield {
            "tmp": tmp,
            "python": python,
            "odoo": tmp / "venv" / "bin" / "odoo",
            "env": env,
            "report": json.loads(report.read_text()),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_wheels_are_oca_shaped(built):
    meta = wheel_metadata(built[MAIN])
    assert meta["Name"] == "odoo-addon-borgerraadgiver"
    assert meta["Version"].startswith("18.0.")
    requires = set(meta.get_all("Requires-Dist"))
    assert requires == {
        "odoo==18.0.*",
        "odoo-addon-report_xlsx==18.0.*",
        # the same pins as requirements.txt
        *requirement_lines(["holidays", "python-docx"]),
        "python-stdnum",
    }
    assert "Framework :: Odoo :: 18.0" in meta.get_all("Classifier")
    assert meta["License"] == "AGPL-3"
    for addon in ADDONS:
        readme = (ROOT / addon / "README.md").read_text()
        assert readme == readme_from_fragments(addon), (
            f"{addon}/README.md is not made from its readme/ fragments: run "
            ".venv/bin/python tests/test_wheel.py --write-readmes"
        )
        meta = wheel_metadata(built[addon])
        assert meta["Description-Content-Type"] == "text/markdown"
        assert meta.get_payload() == readme  # the long description
    for addon in GLUE:
        meta = wheel_metadata(built[addon])
        assert meta["Name"] == dist_name(addon)
        # core addons (calendar, sms, spreadsheet_dashboard, portal) come with odoo
        assert set(meta.get_all("Requires-Dist")) == {
            "odoo==18.0.*",
            "odoo-addon-borgerraadgiver==18.0.*",
        }
    with zipfile.ZipFile(built[MAIN]) as zf:
        names = set(zf.namelist())
    assert "odoo/addons/borgerraadgiver/__manifest__.py" in names
    assert "odoo/addons/borgerraadgiver/pyproject.toml" not in names


def test_pip_resolved_the_dependencies(venv, built):
    installed = {item["metadata"]["name"]: item for item in venv["report"]["install"]}
    for addon in ADDONS:
        assert installed[dist_name(addon)]["requested"]
    # pulled in by the wheel's metadata alone
    for name in ("odoo-addon-report_xlsx", "holidays", "python-docx"):
        assert name in installed, f"pip did not install {name}: {sorted(installed)}"
        assert not installed[name]["requested"]
    assert "odoo" not in installed, "the addon's wheel reinstalled Odoo"


def test_addons_installed_in_the_new_venv(venv):
    script = """
import json, sys, importlib.metadata as md
import odoo
from odoo.modules.module import (
    check_manifest_dependencies, get_manifest, get_module_path)
import odoo.addons.borgerraadgiver  # imports holidays and stdnum
names = sys.argv[1:]
for name in names:
    check_manifest_dependencies(get_manifest(name))
print(json.dumps({
    "prefix": sys.prefix,
    "sys_path": sys.path,
    "odoo": odoo.__file__,
    "odoo_version": odoo.release.version,
    "holidays": md.version("holidays"),
    "paths": {name: get_module_path(name) for name in names + ["report_xlsx"]},
}))
"""
    out = run([venv["python"], "-c", script, *ADDONS], env=venv["env"], cwd=venv["tmp"])
    info = json.loads(out.stdout.strip().splitlines()[-1])
    prefix = Path(info["prefix"])
    assert prefix == venv["tmp"] / "venv"
    assert info["odoo_version"].startswith("18.0")
    venv_dir = str(ROOT / ".venv")
    assert not [p for p in info["sys_path"] if p.startswith(venv_dir)]
    site = Path(info["odoo"]).parent.parent
    assert site.is_relative_to(prefix), info["odoo"]
    for name, path in info["paths"].items():
        assert Path(path) == site / "odoo" / "addons" / name, (name, path)
    for addon in ADDONS:
        folder = site / "odoo" / "addons" / addon
        files = {
            str(p.relative_to(folder))
            for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
        listed = {*manifest.get("data", ()), *manifest.get("demo", ())}
        assert "__manifest__.py" in files
        assert listed <= files, (addon, listed - files)
        tracked = tracked_files(addon)
        if tracked is not None:
            assert tracked == files, (
                addon,
                "missing:",
                sorted(tracked - files),
                "extra:",
                sorted(files - tracked),
            )
    main = site / "odoo" / "addons" / MAIN
    for path in ("i18n/da.po", "static/description/icon.png", "readme/DESCRIPTION.md"):
        assert (main / path).is_file(), path
    assert list((main / "static" / "src").rglob("*.js"))


def pg_settings():
    host = os.environ.get("ODOO_DB_HOST") or os.environ.get("PGHOST")
    if not host:
        return None
    return {
        "db_host": host,
        "db_port": os.environ.get("ODOO_DB_PORT") or os.environ.get("PGPORT") or "5432",
        "db_user": os.environ.get("ODOO_DB_USER") or os.environ.get("PGUSER") or "odoo",
        "db_password": os.environ.get("ODOO_DB_PASSWORD")
        or os.environ.get("PGPASSWORD")
        or "",
    }


def test_odoo_installs_the_addons_from_the_wheels(venv):
    settings = pg_settings()
    if not settings:
        pytest.skip("no PostgreSQL in the environment (ODOO_DB_HOST or PGHOST)")
    tmp = venv["tmp"]
    conf = tmp / "odoo.conf"
    lines = ["[options]", f"data_dir = {tmp / 'data'}", "max_cron_threads = 0"]
    lines += [f"{k} = {v}" for k, v in settings.items()]
    conf.write_text("\n".join(lines) + "\n")  # no addons_path: site-packages
    db = f"br_wheel_{uuid.uuid4().hex[:8]}"
    odoo = [venv["odoo"], "-c", conf]
    try:
        out = run(
            [
                *odoo,
                "-d",
                db,
                "-i",
                ",".join(GLUE),
                "--load-language=da_DK",
                "--stop-after-init",
                "--no-http",
                "--log-level=warn",
            ],
            env=venv["env"],
            cwd=tmp,
        )
        log = out.stdout + out.stderr
        errors = [ln for ln in log.splitlines() if re.search(r" (ERROR|CRITICAL) ", ln)]
        assert not errors, "\n".join(errors)
        query = """
import json, sys, psycopg2
conn = psycopg2.connect(dbname=sys.argv[1], host=sys.argv[2], port=sys.argv[3],
                        user=sys.argv[4], password=sys.argv[5])
cr = conn.cursor()
cr.execute("SELECT name, state FROM ir_module_module WHERE name = ANY(%s)",
           (sys.argv[6:],))
states = dict(cr.fetchall())
cr.execute('''SELECT m.name->>'da_DK' FROM ir_ui_menu m JOIN ir_model_data d
              ON d.model = 'ir.ui.menu' AND d.res_id = m.id
              WHERE d.module = 'borgerraadgiver'
                AND d.name = 'borgerraadgiver_inquiry_menu' ''')
menu = cr.fetchone()
cr.execute("SELECT count(*) FROM borgerraadgiver_inquiry")
inquiries = cr.fetchone()[0]
print(json.dumps({"states": states, "menu": menu and menu[0],
                  "inquiries": inquiries}))
"""
        names = [*ADDONS, "report_xlsx"]
        out = run(
            [venv["python"], "-c", query, db, *settings.values(), *names],
            env=venv["env"],
        )
        info = json.loads(out.stdout.strip().splitlines()[-1])
        assert info["states"] == dict.fromkeys(names, "installed")
        assert info["menu"] == "Henvendelser"  # i18n/da.po from the wheel
        assert info["inquiries"] > 0  # the demo data from the wheel
    finally:
        subprocess.run(
            [str(c) for c in (*odoo[:1], "db", "-c", conf, "drop", db)],
            env=venv["env"],
            capture_output=True,
            timeout=120,
            check=False,
        )


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-readmes"]:
        sys.exit(f"usage: {sys.argv[0]} --write-readmes")
    for addon in ADDONS:
        (ROOT / addon / "README.md").write_text(readme_from_fragments(addon))
