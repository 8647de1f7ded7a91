// A throwaway PostgreSQL 15 cluster for tests: initdb into a temp dir, start it on a free loopback
// port (and a Unix socket inside the temp dir), hand out fresh databases, stop and remove it all
// afterwards. Nothing outside the temp dir is touched.
//
// initdb and postgres refuse to run as root. When the tests run as root (as .ci/run does), the
// server binaries run as the `postgres` user that Debian's package creates, through `runuser`;
// the temp dir is handed to that user. As any other user they run directly.

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/14/bin'];

/** The directory holding initdb/pg_ctl, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  if (process.env.ECHOTRACE_PG_BIN) return process.env.ECHOTRACE_PG_BIN;
  return BIN_DIRS.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

/** Why the PostgreSQL tests cannot run here, or null when they can. */
export function pgUnavailable(): string | null {
  const bin = findPgBin();
  if (!bin) return `PostgreSQL server binaries not found (looked in ${BIN_DIRS.join(', ')}); install Debian's postgresql package or set ECHOTRACE_PG_BIN`;
  if (process.getuid?.() === 0) {
    const who = spawnSync('id', ['-u', 'postgres']);
    if (who.status !== 0) return 'running as root and there is no `postgres` user to run the server as';
  }
  return null;
}

export interface PgCluster {
  /** postgres:// URL of the `postgres` maintenance database. */
  adminUrl: string;
  /** A new empty database, its URL. */
  createDatabase(name?: string): Promise<string>;
  /**
   * A new database copied from a template that `prepare` set up once (e.g. migrated by opening a
   * store on it): CREATE DATABASE … TEMPLATE is much faster than migrating every test database.
   */
  createFromTemplate(prepare: (url: string) => Promise<void>): Promise<string>;
  /**
   * A new empty schema in one shared database, its URL (search_path set through the connection's
   * options): milliseconds, where CREATE DATABASE takes a second on a busy machine. The unaccent
   * extension the migrations need is created once in that database's public schema.
   */
  createSchema(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error(pgUnavailable() ?? 'no PostgreSQL');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'echotrace-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir, timeout: 60_000 });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const superuser = asRoot ? 'postgres' : userInfo().username;
  run('initdb', ['-D', data, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  // Speed over durability: a test cluster never needs fsync. Connections: parallel ingest
  // processes each keep a small pool.
  writeFileSync(
    join(dir, 'extra.conf'),
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${dir}'`, 'fsync = off', 'synchronous_commit = off',
      'full_page_writes = off', 'max_connections = 200', 'shared_buffers = 64MB'].join('\n') + '\n',
  );
  if (asRoot) execFileSync('chown', ['postgres:postgres', join(dir, 'extra.conf')]);
  writeFileSync(join(data, 'postgresql.auto.conf'), `include '${join(dir, 'extra.conf')}'\n`, { flag: 'a' });
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const adminUrl = `postgres://${superuser}@127.0.0.1:${port}/postgres`;
  let n = 0;
  const { default: pg } = await import('pg');
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  let template: Promise<string> | null = null;
  const urlOf = (name: string) => `postgres://${superuser}@127.0.0.1:${port}/${name}`;
  let shared: Promise<string> | null = null;
  return {
    adminUrl,
    async createSchema() {
      shared ??= (async () => {
        await admin('CREATE DATABASE echotrace_schemas');
        const c = new pg.Client({ connectionString: urlOf('echotrace_schemas') });
        await c.connect();
        await c.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public').finally(() => c.end());
        return 'echotrace_schemas';
      })();
      const db = await shared;
      const name = `s${process.pid}_${++n}`;
      const c = new pg.Client({ connectionString: urlOf(db) });
      await c.connect();
      await c.query(`CREATE SCHEMA "${name}"`).finally(() => c.end());
      return `${urlOf(db)}?options=${encodeURIComponent(`-c search_path=${name},public`)}`;
    },
    async createDatabase(name = `t${process.pid}_${++n}`) {
      await admin(`CREATE DATABASE "${name}"`);
      return urlOf(name);
    },
    async createFromTemplate(prepare) {
      template ??= (async () => {
        await admin('CREATE DATABASE echotrace_template');
        await prepare(urlOf('echotrace_template'));
        return 'echotrace_template';
      })();
      const name = `t${process.pid}_${++n}`;
      await admin(`CREATE DATABASE "${name}" TEMPLATE "${await template}" STRATEGY FILE_COPY`);
      return urlOf(name);
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
