/**
 * The operator's command line: `npm run gongzhi -- <command>`. Uses the same configuration as the server
 * (DATABASE_URL → PostgreSQL, else PGlite in GONGZHI_DATA_DIR). On PGlite it takes the data directory's
 * lock, so while the server runs it stops at once instead of corrupting the database.
 * Exit codes: 0 done, 1 failed, 2 usage error or database locked. Messages in zh-CN or en (GONGZHI_LOCALE,
 * else LANG).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { loadConfig } from './config.js';
import { openDatabase, isUniqueViolation, type Database } from './platform/db/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { migrateToLatest } from './platform/migrations/index.js';
import { AppError } from './platform/http/errors.js';
import { audit } from './platform/audit/index.js';
import { hashPassword } from './platform/auth/sessions.js';
import { errorMessage, type Locale } from '../common/i18n/errors.js';

const locale: Locale = process.env.GONGZHI_LOCALE === 'en' || process.env.GONGZHI_LOCALE === 'zh-CN'
  ? process.env.GONGZHI_LOCALE
  : /^zh/i.test(process.env.LANG ?? '') ? 'zh-CN' : 'en';
const zh = locale === 'zh-CN';
const say = (zhText: string, enText: string) => console.log(zh ? zhText : enText);
const fail = (zhText: string, enText: string) => console.error(zh ? zhText : enText);

const HELP = {
  en: `Gongzhi command line — npm run gongzhi -- <command> [options]

  migrate                                  apply the database migrations
  seed-demo [--households N] [--seed S] [--password P]
                                           generate the demo district into an empty database
                                           (default 20,000 households; up to millions on PostgreSQL)
  seed-cases [--count N] [--seed S]       add demo cases (full workflow stories, default 2,000) to the demo district
  seed-cases --scale N [--days D] [--open] [--no-timelines]
                                           add N cases generated set-wise in SQL (benchmarks; millions on PostgreSQL)
  import-grids FILE [--dry-run]            import grid polygons from a GeoJSON file
  import-residents FILE [--community CODE] [--report FILE]
                                           import residents and households from CSV or XLSX
  create-admin USERNAME [--password P]     create an administrator on the root district
                                           (prints a generated password when none is given)
  backup FILE [--force]                    write a logical backup (gzip, JSON lines); --force overwrites FILE
  restore FILE [--force]                   restore a backup into an empty database; --force replaces all data
  help                                     this text

Database: DATABASE_URL (PostgreSQL), else the embedded database in GONGZHI_DATA_DIR (default ./data).
With the embedded database, stop the server first. Exit codes: 0 done, 1 failed, 2 usage or locked.`,
  zh: `共治命令行 — npm run gongzhi -- <命令> [选项]

  migrate                                  执行数据库迁移
  seed-demo [--households N] [--seed S] [--password P]
                                           向空数据库生成演示辖区（默认 20,000 户；PostgreSQL 上可达数百万户）
  seed-cases [--count N] [--seed S]       向演示辖区添加演示案卷（完整办理流程，默认 2,000 件）
  seed-cases --scale N [--days D] [--open] [--no-timelines]
                                           用 SQL 批量生成 N 件案卷（用于压测；PostgreSQL 上可达数百万件）
  import-grids FILE [--dry-run]            从 GeoJSON 文件导入网格边界
  import-residents FILE [--community CODE] [--report FILE]
                                           从 CSV 或 XLSX 导入住户和居民
  create-admin USERNAME [--password P]     在根节点（区）上创建管理员（未给密码时生成并显示一个）
  backup FILE [--force]                    写入逻辑备份（gzip，JSON 行）；--force 覆盖已有文件
  restore FILE [--force]                   把备份恢复到空数据库；--force 清空现有数据后恢复
  help                                     显示本说明

数据库：设置 DATABASE_URL 时用 PostgreSQL，否则用 GONGZHI_DATA_DIR（默认 ./data）中的内嵌数据库。
使用内嵌数据库时请先停止服务器。退出码：0 成功，1 失败，2 用法错误或数据库被占用。`,
};

interface Command {
  args: number;
  flags: Record<string, 'value' | 'bool'>;
}
const COMMANDS: Record<string, Command> = {
  migrate: { args: 0, flags: {} },
  'seed-demo': { args: 0, flags: { households: 'value', seed: 'value', password: 'value' } },
  'seed-cases': { args: 0, flags: { count: 'value', seed: 'value', scale: 'value', days: 'value', open: 'bool', 'no-timelines': 'bool' } },
  'import-grids': { args: 1, flags: { 'dry-run': 'bool' } },
  'import-residents': { args: 1, flags: { community: 'value', report: 'value' } },
  'create-admin': { args: 1, flags: { password: 'value' } },
  backup: { args: 1, flags: { force: 'bool' } },
  restore: { args: 1, flags: { force: 'bool' } },
  help: { args: 0, flags: {} },
};

class UsageError extends Error {}

interface Parsed {
  command: string;
  args: string[];
  flags: Record<string, string | true>;
}

/** Parses `command ARG… --flag value --flag=value --bool`; throws UsageError on anything unexpected. */
export function parseArgs(argv: string[]): Parsed {
  const [command = 'help', ...rest] = argv;
  const spec = COMMANDS[command === '--help' || command === '-h' ? 'help' : command];
  if (!spec) throw new UsageError(zh ? `未知命令“${command}”` : `unknown command "${command}"`);
  const args: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (!a.startsWith('--')) {
      args.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec.flags[name];
    if (!kind) throw new UsageError(zh ? `命令 ${command} 没有选项 --${name}` : `${command} has no option --${name}`);
    if (kind === 'bool') {
      if (inline !== undefined) throw new UsageError(zh ? `--${name} 不带值` : `--${name} takes no value`);
      flags[name] = true;
    } else {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') throw new UsageError(zh ? `--${name} 需要一个值` : `--${name} needs a value`);
      flags[name] = value;
    }
  }
  if (args.length !== spec.args) {
    throw new UsageError(zh ? `命令 ${command} 需要 ${spec.args} 个参数，收到 ${args.length} 个` : `${command} takes ${spec.args} argument(s), got ${args.length}`);
  }
  return { command: command === '--help' || command === '-h' ? 'help' : command, args, flags };
}

function intFlag(flags: Parsed['flags'], name: string, fallback: number, min: number, max: number): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(zh ? `--${name} 须为 ${min}–${max} 之间的整数` : `--${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** Runs one command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
    if (parsed.command === 'create-admin' && !/^[a-z0-9_.-]{2,40}$/.test(parsed.args[0]!)) {
      throw new UsageError(zh ? '用户名须为 2–40 个小写字母、数字或 _ . -' : 'the username must be 2–40 lower-case letters, digits or _ . -');
    }
    const input = ['import-grids', 'import-residents', 'restore'].includes(parsed.command) ? parsed.args[0]! : null;
    if (input && !fs.statSync(input, { throwIfNoEntry: false })?.isFile()) {
      console.error(errorMessage('FILE_NOT_FOUND', locale, { file: input }));
      return 1;
    }
    if (parsed.command === 'backup' && fs.existsSync(parsed.args[0]!) && parsed.flags.force !== true) {
      fail(`文件 ${parsed.args[0]} 已存在；如需覆盖请加 --force`, `the file ${parsed.args[0]} exists; add --force to overwrite it`);
      return 1;
    }
    if (parsed.command === 'seed-demo') {
      intFlag(parsed.flags, 'households', 0, 10, 50_000_000);
      intFlag(parsed.flags, 'seed', 0, 0, 2 ** 31 - 1);
    }
    if (parsed.command === 'seed-cases') {
      intFlag(parsed.flags, 'count', 0, 1, 100_000);
      intFlag(parsed.flags, 'seed', 0, 0, 2 ** 31 - 1);
      intFlag(parsed.flags, 'scale', 0, 1, 50_000_000);
      intFlag(parsed.flags, 'days', 0, 1, 3650);
      const scaleOnly = ['days', 'open', 'no-timelines'].filter((f) => parsed.flags[f] !== undefined);
      if (parsed.flags.scale === undefined && scaleOnly.length) throw new UsageError(zh ? `--${scaleOnly[0]} 只能与 --scale 一起使用` : `--${scaleOnly[0]} goes with --scale only`);
      if (parsed.flags.scale !== undefined && parsed.flags.count !== undefined) throw new UsageError(zh ? '--count 与 --scale 不能同时使用' : '--count and --scale cannot be used together');
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    fail(`错误：${e.message}\n`, `error: ${e.message}\n`);
    console.error(zh ? HELP.zh : HELP.en);
    return 2;
  }
  if (parsed.command === 'help') {
    console.log(zh ? HELP.zh : HELP.en);
    return 0;
  }
  const config = loadConfig();
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, migrate: parsed.command !== 'migrate' });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      fail(
        `内嵌数据库 ${e.dir} 正被另一个共治进程（pid ${e.pid}）使用。请先停止该进程（例如服务器），再运行此命令。`,
        e.message,
      );
      return 2;
    }
    fail(`无法打开数据库：${(e as Error).message}`, `cannot open the database: ${(e as Error).message}`);
    return 1;
  }
  try {
    return await run(parsed, database, config);
  } catch (e) {
    if (e instanceof AppError) {
      console.error(errorMessage(e.code, locale, e.params));
      const details = Array.isArray(e.details) ? e.details : [];
      for (const d of details.slice(0, 50)) console.error(`  - ${describeProblem(d as Record<string, unknown>)}`);
      if (details.length > 50) fail(`  … 另有 ${details.length - 50} 条`, `  … and ${details.length - 50} more`);
      return 1;
    }
    fail(`失败：${(e as Error).stack ?? e}`, `failed: ${(e as Error).stack ?? e}`);
    return 1;
  } finally {
    await database.close();
  }
}

/** One line for a problem of an AppError's details: where (feature/part/row, code) and the message. */
function describeProblem(d: Record<string, unknown>): string {
  if (typeof d.message !== 'string') return JSON.stringify(d);
  const where = [
    typeof d.feature === 'number' ? (zh ? `第 ${d.feature + 1} 个要素` : `feature ${d.feature + 1}`) : null,
    typeof d.part === 'number' ? (zh ? `第 ${d.part + 1} 部分` : `part ${d.part + 1}`) : null,
    typeof d.path === 'string' && d.path ? d.path : null,
    typeof d.code === 'string' ? d.code : null,
  ].filter(Boolean);
  return where.length ? `${where.join(' ')}: ${d.message}` : d.message;
}

async function run(p: Parsed, database: Database, config: ReturnType<typeof loadConfig>): Promise<number> {
  const { db } = database;
  const where = database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  switch (p.command) {
    case 'migrate': {
      const applied = await migrateToLatest(db);
      say(`数据库 ${where}：新执行 ${applied.length} 个迁移${applied.length ? '：' + applied.join(', ') : ''}`, `database ${where}: applied ${applied.length} migration(s)${applied.length ? ': ' + applied.join(', ') : ''}`);
      return 0;
    }
    case 'seed-demo': {
      const demo = await import('./modules/demo/index.js');
      const contract = demo.DEMO_USERS.slice(0, 8).map((u) => u.username);
      const existing = await db.selectFrom('app_user').select('username').where('username', 'in', contract).execute();
      if (existing.length) throw new AppError(409, 'DEMO_ALREADY_SEEDED');
      if (!(await demo.isEmptyDatabase(db))) throw new AppError(409, 'DEMO_NOT_EMPTY');
      const households = intFlag(p.flags, 'households', demo.DEFAULT_HOUSEHOLDS, 10, 50_000_000);
      const seed = intFlag(p.flags, 'seed', config.demoSeed, 0, 2 ** 31 - 1);
      const password = typeof p.flags.password === 'string' ? p.flags.password : config.demoPassword;
      say(`正在向 ${where} 生成演示辖区（${households} 户，种子 ${seed}）…`, `generating the demo jurisdiction into ${where} (${households} households, seed ${seed}) …`);
      const summary = await demo.seedDemo(db, { seed, password, households, onProgress: (m) => console.log(`  ${m}`) });
      console.log(JSON.stringify(summary, null, 2));
      say(
        `完成：${summary.households} 户 / ${summary.residents} 人，用时 ${(summary.ms / 1000).toFixed(1)} 秒（${Math.round(summary.households / (summary.ms / 1000))} 户/秒）`,
        `done: ${summary.households} households / ${summary.residents} residents in ${(summary.ms / 1000).toFixed(1)} s (${Math.round(summary.households / (summary.ms / 1000))} households/s)`,
      );
      say(`演示账号（密码：${password}）：`, `demo users (password: ${password}):`);
      for (const u of demo.DEMO_USERS) console.log(`  ${u.username.padEnd(11)} ${zh ? u.roleZh : u.roleEn}`);
      return 0;
    }
    case 'seed-cases':
      return seedCases(p, database, config);
    case 'import-grids': {
      const { importGridsFile } = await import('./modules/geo/index.js');
      const result = await importGridsFile(db, p.args[0]!, null, { dryRun: p.flags['dry-run'] === true, locale, maxBytes: config.importLimitBytes });
      say(
        `${result.dryRun ? '检查通过（未写入）' : '导入完成'}：新建 ${result.created.length} 个网格，更新 ${result.updated.length} 个`,
        `${result.dryRun ? 'check passed (nothing written)' : 'imported'}: ${result.created.length} grid(s) created, ${result.updated.length} updated`,
      );
      for (const g of [...result.created, ...result.updated].slice(0, 20)) console.log(`  ${g.code}  ${zh ? g.nameZh : g.nameEn}`);
      return 0;
    }
    case 'import-residents': {
      const { importResidentsFile } = await import('./modules/imports/index.js');
      const r = await importResidentsFile(db, p.args[0]!, null, {
        nodeCode: typeof p.flags.community === 'string' ? p.flags.community : undefined,
        reportPath: typeof p.flags.report === 'string' ? p.flags.report : undefined,
        locale,
      });
      if (r.status === 'completed') {
        say(
          `导入完成：${r.rows} 行，${r.households} 户（新建 ${r.newHouseholds} 户），${r.residents} 人（任务 #${r.jobId}）`,
          `imported: ${r.rows} rows, ${r.households} households (${r.newHouseholds} new), ${r.residents} residents (job #${r.jobId})`,
        );
        return 0;
      }
      console.error(r.message);
      if (r.status === 'rejected') {
        for (const e of r.errors.slice(0, 50)) console.error(`  ${zh ? '第' : 'row '}${e.row}${zh ? '行' : ''} ${e.column}: ${e.message}`);
        if (r.reportPath) say(`错误报告已写入 ${r.reportPath}`, `error report written to ${r.reportPath}`);
      }
      return 1;
    }
    case 'create-admin':
      return createAdmin(database, p.args[0]!, typeof p.flags.password === 'string' ? p.flags.password : null);
    case 'backup': {
      const file = p.args[0]!;
      const { writeBackup } = await import('./platform/backup/index.js');
      const s = await writeBackup(db, file, { database: database.kind });
      say(
        `备份完成：${s.tables} 张表，${s.rows} 行，${(s.bytes / 1048576).toFixed(1)} MB，用时 ${(s.ms / 1000).toFixed(1)} 秒 → ${file}`,
        `backup written: ${s.tables} tables, ${s.rows} rows, ${(s.bytes / 1048576).toFixed(1)} MB in ${(s.ms / 1000).toFixed(1)} s → ${file}`,
      );
      return 0;
    }
    case 'restore': {
      const { restoreBackup, readBackupHeader } = await import('./platform/backup/index.js');
      const h = await readBackupHeader(p.args[0]!);
      say(`正在恢复 ${h.createdAt} 的备份（来自 ${h.database}）到 ${where} …`, `restoring the backup of ${h.createdAt} (from ${h.database}) into ${where} …`);
      const s = await restoreBackup(db, p.args[0]!, { force: p.flags.force === true });
      say(`恢复完成：${s.tables} 张表，${s.rows} 行，用时 ${(s.ms / 1000).toFixed(1)} 秒`, `restored: ${s.tables} tables, ${s.rows} rows in ${(s.ms / 1000).toFixed(1)} s`);
      return 0;
    }
  }
  return 2;
}

/** Adds demo cases to the demo district: full stories (default), or `--scale N` generated set-wise in SQL. */
async function seedCases(p: Parsed, database: Database, config: ReturnType<typeof loadConfig>): Promise<number> {
  const { db } = database;
  const grid = await db.selectFrom('app_user').select('id').where('username', '=', 'grid').executeTakeFirst();
  const grids = await db.selectFrom('org_node').select('id').where('type', '=', 'grid').limit(1).execute();
  if (!grid || grids.length === 0) {
    fail('数据库中没有演示辖区：请先运行 seed-demo', 'the database holds no demo district: run seed-demo first');
    return 1;
  }
  const seed = intFlag(p.flags, 'seed', config.demoSeed, 0, 2 ** 31 - 1);
  const progress = (m: string) => console.log(`  ${m}`);
  if (p.flags.scale !== undefined) {
    const { seedScaleCases } = await import('./modules/demo/cases-scale.js');
    const count = intFlag(p.flags, 'scale', 0, 1, 50_000_000);
    const open = p.flags.open === true;
    say(`正在批量生成 ${count} 件案卷（${open ? '全部在办' : '历史与在办'}）…`, `generating ${count} cases set-wise (${open ? 'all open' : 'history and open'}) …`);
    const s = await seedScaleCases(db, { count, seed, mode: open ? 'open' : 'history', days: intFlag(p.flags, 'days', 365, 1, 3650), events: p.flags['no-timelines'] !== true, log: progress });
    say(
      `完成：${s.cases} 件（在办 ${s.open} 件），${s.events} 条办理记录，${s.cards} 张黄红牌，用时 ${(s.ms / 1000).toFixed(1)} 秒`,
      `done: ${s.cases} cases (${s.open} open), ${s.events} timeline events, ${s.cards} cards in ${(s.ms / 1000).toFixed(1)} s`,
    );
    return 0;
  }
  const { seedDemoCases, DEFAULT_DEMO_CASES } = await import('./modules/demo/index.js');
  const count = intFlag(p.flags, 'count', DEFAULT_DEMO_CASES, 1, 100_000);
  say(`正在生成 ${count} 件演示案卷 …`, `generating ${count} demo cases …`);
  const s = await seedDemoCases(db, { seed, count, log: progress });
  say(
    `完成：${s.cases} 件（在办 ${s.open} 件），${s.events} 条办理记录，${s.cards} 张黄红牌，新增 ${s.accounts} 个账号（密码同演示账号），用时 ${(s.ms / 1000).toFixed(1)} 秒`,
    `done: ${s.cases} cases (${s.open} open), ${s.events} timeline events, ${s.cards} cards, ${s.accounts} new accounts (demo password) in ${(s.ms / 1000).toFixed(1)} s`,
  );
  return 0;
}

/** Creates a user with an admin grant on the root (district or city) node, audited as a system action. */
async function createAdmin(database: Database, username: string, given: string | null): Promise<number> {
  const { db } = database;
  const { assertPasswordStrength } = await import('./modules/accounts/index.js');
  const password = given ?? crypto.randomBytes(12).toString('base64url');
  assertPasswordStrength(username, password);
  const root = await db
    .selectFrom('org_node')
    .select(['id', 'name_zh', 'name_en'])
    .where('parent_id', 'is', null)
    .where('tree', '=', 'admin')
    .where('type', 'in', ['district', 'city'])
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirst();
  if (!root) throw new AppError(409, 'NO_ROOT_NODE');
  const passwordHash = await hashPassword(password);
  try {
    await db.transaction().execute(async (tx) => {
      const u = await tx
        .insertInto('app_user')
        .values({ username, password_hash: passwordHash, display_name: username, locale, must_change_password: given === null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const g = await tx.insertInto('role_grant').values({ user_id: u.id, role: 'admin', node_id: root.id }).returning('id').executeTakeFirstOrThrow();
      const ctx = { actor: null, ip: null };
      await audit(tx, ctx, { action: 'user.create', entity: 'user', entityId: u.id, detail: { username, via: 'cli' } });
      await audit(tx, ctx, { action: 'grant.add', entity: 'user', entityId: u.id, nodeId: root.id, detail: { grantId: g.id, role: 'admin', via: 'cli' } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError(409, 'USERNAME_TAKEN', { username });
    throw e;
  }
  say(`已创建管理员 ${username}（${root.name_zh}）`, `administrator ${username} created on ${root.name_en}`);
  if (given === null) say(`初始密码：${password}（首次登录后须修改）`, `initial password: ${password} (must be changed at first sign-in)`);
  return 0;
}

// Run when executed (not when imported by a test).
if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
