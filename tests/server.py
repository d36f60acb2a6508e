"""Helpers for tests that run the real trytond server.

The backend is the one named by TRYTOND_DATABASE__URI (SQLite when unset):
``scripts/run-tests.sh`` runs tests/ once on SQLite and once inside
``scripts/with-postgres.sh``.

    class MyTestCase(ServerTestCase):
        modules = ('borgerraadgiver',)   # activated in a fresh database

        def test_something(self):
            client = self.login()        # admin over JSON-RPC
            client.model('res.user', 'search_count', [])

The first database made for a set of modules serves as a template: later
ones are copies (SQLite file copy, PostgreSQL CREATE DATABASE ... TEMPLATE),
so each test class gets a fresh database in about a second.

Files go to var/tests/run-<pid>/ (removed at exit unless KEEP_TEST_FILES=1).
"""
import atexit
import base64
import http.client
import importlib.util
import itertools
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TEST_ROOT = REPOSITORY / 'var' / 'tests'
SAO_ROOT = Path(os.environ.get('SAO_ROOT') or REPOSITORY / 'var' / 'sao')
MODULE = 'borgerraadgiver'
ADMIN_EMAIL = 'admin@example.invalid'
START_TIMEOUT = float(os.environ.get('TRYTOND_START_TIMEOUT', 90))
ADMIN_TIMEOUT = float(os.environ.get('TRYTOND_ADMIN_TIMEOUT', 900))

_counter = itertools.count(1)
_run_dir = None
_templates = {}
_cleanups = []


class ServerError(Exception):
    "The server or trytond-admin failed"


class RPCError(Exception):
    """A JSON-RPC call failed.

    status: the HTTP status (200 when Tryton answered with an error),
    error: Tryton's error, e.g. ['UserError', [message, description, ...]]
    """

    def __init__(self, method, status, error):
        super().__init__(f"{method}: HTTP {status}: {error!r}")
        self.method = method
        self.status = status
        self.error = error

    @property
    def name(self):
        "The exception's class name, as Tryton sends it ('UserError' ...)"
        if isinstance(self.error, (list, tuple)) and self.error:
            return self.error[0]


def free_port(host='127.0.0.1'):
    "Return a TCP port free on host (at the time of the call)"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def database_uri():
    "The URI of the database backend the tests run on"
    return (os.environ.get('TRYTOND_DATABASE__URI')
        or os.environ.get('TRYTOND_DATABASE_URI')
        or 'sqlite://')


def backend_name(uri=None):
    "'sqlite' or 'postgresql'"
    scheme = urllib.parse.urlparse(uri or database_uri()).scheme
    return scheme.split('+', 1)[0]


def module_installed(name=MODULE):
    "Whether trytond.modules.<name> can be imported"
    try:
        return importlib.util.find_spec(f'trytond.modules.{name}') is not None
    except ImportError:
        return False


def clean_environ(**extra):
    """The environment for trytond processes: no TRYTOND_* variables (the
    configuration file says everything), no test settings."""
    env = {k: v for k, v in os.environ.items()
        if not k.startswith('TRYTOND_')
        and k not in {'DB_NAME', 'DB_CACHE', 'TRYTONPASSFILE'}}
    env.update(extra)
    return env


def tail(path, lines=60):
    "The last lines of a log file, for error messages"
    try:
        with open(path, encoding='utf-8', errors='replace') as fp:
            return ''.join(fp.readlines()[-lines:])
    except OSError as exception:
        return f"(no log: {exception})"


def run_dir():
    "This process' folder for databases, configuration files and logs"
    global _run_dir
    if _run_dir is None:
        TEST_ROOT.mkdir(parents=True, exist_ok=True)
        _run_dir = Path(tempfile.mkdtemp(
                prefix=f'run-{os.getpid()}-', dir=TEST_ROOT))
        atexit.register(_cleanup)
    return _run_dir


def _cleanup():
    for cleanup in reversed(_cleanups):
        try:
            cleanup()
        except Exception as exception:
            print(f"cleanup failed: {exception}", file=sys.stderr)
    _cleanups.clear()
    if _run_dir and os.environ.get('KEEP_TEST_FILES', '0') != '1':
        shutil.rmtree(_run_dir, ignore_errors=True)


def write_config(path, database_path, uri=None, language='en', sections=None):
    """Write a trytond configuration file.

    sections: {'web': {'listen': ...}, 'email': {'uri': ...}, ...}
    """
    config = {
        'database': {
            'uri': uri or database_uri(),
            'path': str(database_path),
            'language': language,
            },
        }
    for section, options in (sections or {}).items():
        config.setdefault(section, {}).update(options)
    with open(path, 'w') as fp:
        for section, options in config.items():
            fp.write(f'[{section}]\n')
            for option, value in options.items():
                fp.write(f'{option} = {value}\n')
            fp.write('\n')
    return path


class _PostgreSQL:
    "CREATE/DROP DATABASE on the server of the URI"

    def __init__(self, uri):
        self.uri = uri

    def execute(self, query):
        import psycopg
        parts = urllib.parse.urlparse(self.uri)
        uri = urllib.parse.urlunparse(parts._replace(path='/postgres'))
        with psycopg.connect(uri, autocommit=True) as connection:
            connection.execute(query)

    def create(self, name, template=None):
        query = f'CREATE DATABASE "{name}"'
        if template:
            query += f' TEMPLATE "{template}"'
        else:
            query += " TEMPLATE template0 ENCODING 'UTF8'"
        self.execute(query)

    def drop(self, name):
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Database:
    """A fresh Tryton database with modules activated.

    Made with trytond-admin --all (and -u MODULES --activate-dependencies),
    or copied from a template made that way earlier in the process.
    """

    def __init__(self, modules=(MODULE,), language='en', uri=None):
        self.modules = tuple(modules)
        self.language = language
        self.uri = uri or database_uri()
        self.backend = backend_name(self.uri)
        self.name = None
        self.admin_password = None
        self.directory = run_dir() / 'databases'
        self.directory.mkdir(exist_ok=True)
        self.config_file = None

    @property
    def sqlite_file(self):
        return self.directory / f'{self.name}.sqlite'

    def _new_name(self):
        return f'test_server_{os.getpid()}_{next(_counter)}'

    def create(self):
        key = (self.uri, self.modules, self.language)
        template = _templates.get(key)
        if template is None:
            template = Database(self.modules, self.language, self.uri)
            template._initialise()
            _templates[key] = template
            _cleanups.append(template.drop)
        self.name = self._new_name()
        self.admin_password = template.admin_password
        self.config_file = template.config_file
        if self.backend == 'sqlite':
            shutil.copyfile(template.sqlite_file, self.sqlite_file)
        else:
            _PostgreSQL(self.uri).create(self.name, template=template.name)
        return self

    def _initialise(self):
        self.name = self._new_name()
        self.admin_password = secrets.token_urlsafe(16)
        work = run_dir() / self.name
        work.mkdir()
        self.config_file = write_config(
            work / 'admin.conf', self.directory, self.uri, self.language)
        password_file = work / 'admin-password'
        password_file.write_text(self.admin_password + '\n')
        if self.backend == 'sqlite':
            self.sqlite_file.touch()
        else:
            _PostgreSQL(self.uri).create(self.name)
        env = clean_environ(TRYTONPASSFILE=str(password_file))
        self.admin('--all', '--email', ADMIN_EMAIL, env=env)
        if self.modules:
            self.admin('-u', *self.modules, '--activate-dependencies')

    def admin(self, *args, env=None):
        "Run trytond-admin on this database"
        log = run_dir() / f'{self.name}-admin.log'
        command = [str(BIN / 'trytond-admin'), '-c', str(self.config_file),
            '-d', self.name, *args]
        with open(log, 'a') as fp:
            fp.write(f"$ {' '.join(command)}\n")
            fp.flush()
            process = subprocess.run(command, stdout=fp,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=env or clean_environ(), timeout=ADMIN_TIMEOUT)
        if process.returncode:
            raise ServerError(
                f"trytond-admin {' '.join(args)} failed "
                f"({process.returncode}):\n{tail(log)}")

    def run_script(self, script, *args):
        """Run scripts/<script> (e.g. 'load_demo.py') on this database,
        given -c CONF -d DB and args; returns its output"""
        command = [str(BIN / 'python'), str(REPOSITORY / 'scripts' / script),
            '-c', str(self.config_file), '-d', self.name, *args]
        process = subprocess.run(command, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
            env=clean_environ(), timeout=ADMIN_TIMEOUT)
        if process.returncode:
            raise ServerError(f"scripts/{script} failed "
                f"({process.returncode}):\n{process.stdout[-4000:]}")
        return process.stdout

    def drop(self):
        if not self.name:
            return
        if self.backend == 'sqlite':
            try:
                self.sqlite_file.unlink()
            except FileNotFoundError:
                pass
        else:
            _PostgreSQL(self.uri).drop(self.name)
        self.name = None


class Server:
    """A trytond process serving one database on 127.0.0.1:<free port>.

    sections: more configuration, e.g. {'email': {'uri': 'smtp://...'}}
    web_root: folder served at / (sao), default var/sao when it exists.
    """

    def __init__(self, database, sections=None, web_root=None, port=None):
        self.database = database
        self.port = port or free_port()
        if web_root is None and (SAO_ROOT / 'index.html').exists():
            web_root = SAO_ROOT
        self.web_root = web_root
        self.sections = sections or {}
        self.process = None
        self.directory = run_dir() / f'{database.name}-server-{self.port}'
        self.log_file = self.directory / 'trytond.log'

    @property
    def url(self):
        return f'http://127.0.0.1:{self.port}'

    def start(self, timeout=START_TIMEOUT):
        self.directory.mkdir(exist_ok=True)
        web = {'listen': f'127.0.0.1:{self.port}'}
        if self.web_root:
            web['root'] = str(self.web_root)
        sections = {'web': web}
        for section, options in self.sections.items():
            sections.setdefault(section, {}).update(options)
        config_file = write_config(
            self.directory / 'trytond.conf', self.database.directory,
            self.database.uri, self.database.language, sections)
        command = [str(BIN / 'trytond'), '-c', str(config_file),
            '-d', self.database.name]
        log = open(self.log_file, 'w')
        self.process = subprocess.Popen(command, stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=clean_environ())
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise ServerError(
                    f"trytond exited with {self.process.returncode}:\n"
                    f"{self.log()}")
            try:
                version = RPCClient(self.url).call_root(
                    'common.server.version', timeout=5)
            except (OSError, http.client.HTTPException, RPCError):
                version = None
            if version:
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(
                    f"trytond did not answer within {timeout} s:\n"
                    f"{self.log()}")
            time.sleep(0.2)

    def stop(self, timeout=15):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self, lines=80):
        "The end of the server's log"
        return tail(self.log_file, lines)

    def client(self):
        return RPCClient(self.url, self.database.name)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()


class RPCClient:
    """A minimal Tryton JSON-RPC client (what sao and proteus do).

        client = RPCClient('http://127.0.0.1:8000', 'db')
        client.login('admin', 'password')
        client.model('res.user', 'search_count', [])
    """

    def __init__(self, url, database=None, timeout=60):
        self.url = url.rstrip('/')
        self.database = database
        self.timeout = timeout
        self.login_name = None
        self.user_id = None
        self.token = None
        self._ids = itertools.count(1)

    def _post(self, path, method, params, timeout=None):
        from trytond.protocols.jsonrpc import JSONDecoder, JSONEncoder

        body = json.dumps({
                'id': next(self._ids),
                'method': method,
                'params': list(params),
                }, cls=JSONEncoder).encode('utf-8')
        request = urllib.request.Request(self.url + path, data=body,
            method='POST', headers={'Content-Type': 'application/json'})
        if self.token:
            session = f'{self.login_name}:{self.user_id}:{self.token}'
            request.add_header('Authorization', 'Session '
                + base64.b64encode(session.encode('utf-8')).decode('ascii'))
        try:
            with urllib.request.urlopen(
                    request, timeout=timeout or self.timeout) as response:
                status = response.status
                data = response.read()
        except urllib.error.HTTPError as error:
            raise RPCError(method, error.code,
                error.read().decode('utf-8', 'replace')) from None
        result = json.loads(data, object_hook=JSONDecoder())
        if result.get('error'):
            raise RPCError(method, status, result['error'])
        return result.get('result')

    def call_root(self, method, *params, timeout=None):
        "Call a method of /rpc/ (common.server.version, common.db.list)"
        return self._post('/rpc/', method, params, timeout=timeout)

    def call(self, method, *params, timeout=None):
        "Call a method of /<database>/rpc/ with params as they are"
        return self._post(
            f'/{self.database}/rpc/', method, params, timeout=timeout)

    def login(self, login, password, language='en'):
        "common.db.login: returns the user id"
        result = self.call(
            'common.db.login', login, {'password': password}, language)
        self.login_name = login
        self.user_id, self.token = result[0], result[1]
        return self.user_id

    def logout(self):
        if self.token:
            self.call('common.db.logout')
        self.login_name = self.user_id = self.token = None

    def model(self, model, method, *args, context=None):
        "Call model.<model>.<method>(*args) with the context as last param"
        return self.call(f'model.{model}.{method}', *args, context or {})

    def get_id(self, module, fs_id):
        "The database id of an XML record (ir.model.data.get_id)"
        return self.model('ir.model.data', 'get_id', module, fs_id)

    def context(self):
        "The user's context (model.res.user.get_preferences(True))"
        return self.model('res.user', 'get_preferences', True)


class ServerTestCase(unittest.TestCase):
    """A fresh database with `modules` activated and a trytond serving it,
    for all the tests of the class."""

    modules = (MODULE,)
    language = 'en'
    sections = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if MODULE in cls.modules and not module_installed():
            raise unittest.SkipTest(
                f"trytond.modules.{MODULE} is not installed: make install")
        cls.database = Database(cls.modules, cls.language).create()
        cls.addClassCleanup(cls.database.drop)
        cls.prepare_database(cls.database)
        cls.server = Server(cls.database, sections=cls.sections)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    @classmethod
    def prepare_database(cls, database):
        """Called with the fresh database before the server starts, e.g. to
        run database.run_script('load_demo.py'); does nothing by default"""

    def login(self, login='admin', password=None, language=None):
        "A client logged in (as admin by default)"
        client = self.server.client()
        if password is None and login == 'admin':
            password = self.database.admin_password
        client.login(login, password, language or self.language)
        return client
