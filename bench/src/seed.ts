import { performance } from "node:perf_hooks";

import { schema, sql, type Database, type Executor } from "@kabinet/db";

/**
 * A populated admin area: many accounts with varied names, and a long audit log spread over
 * them. Each table is filled by one INSERT ... SELECT over generate_series, run by the
 * database itself, so seeding costs the same on PostgreSQL and PGlite, with no round trip per
 * row. A fixed seed makes every run build the same data.
 */

// Russian first names with their Latin transliteration (for logins and emails).
const RU_MALE = [
  ["Александр", "aleksandr"],
  ["Дмитрий", "dmitry"],
  ["Максим", "maksim"],
  ["Сергей", "sergey"],
  ["Андрей", "andrey"],
  ["Алексей", "aleksey"],
  ["Артём", "artem"],
  ["Илья", "ilya"],
  ["Кирилл", "kirill"],
  ["Михаил", "mikhail"],
  ["Никита", "nikita"],
  ["Матвей", "matvey"],
  ["Роман", "roman"],
  ["Егор", "egor"],
  ["Иван", "ivan"],
  ["Павел", "pavel"],
  ["Тимофей", "timofey"],
  ["Владимир", "vladimir"],
  ["Денис", "denis"],
  ["Николай", "nikolay"],
] as const;
const RU_FEMALE = [
  ["Анастасия", "anastasia"],
  ["Мария", "maria"],
  ["Анна", "anna"],
  ["Виктория", "viktoria"],
  ["Екатерина", "ekaterina"],
  ["Наталья", "natalya"],
  ["Дарья", "darya"],
  ["Ольга", "olga"],
  ["Полина", "polina"],
  ["Елена", "elena"],
  ["Алиса", "alisa"],
  ["Софья", "sofya"],
  ["Ксения", "ksenia"],
  ["Татьяна", "tatyana"],
  ["Вероника", "veronika"],
  ["Ирина", "irina"],
  ["Юлия", "yulia"],
  ["Валерия", "valeria"],
  ["Светлана", "svetlana"],
  ["Арина", "arina"],
] as const;
// Patronymics as [male, female].
const RU_PATRONYMICS = [
  ["Александрович", "Александровна"],
  ["Дмитриевич", "Дмитриевна"],
  ["Сергеевич", "Сергеевна"],
  ["Андреевич", "Андреевна"],
  ["Алексеевич", "Алексеевна"],
  ["Михайлович", "Михайловна"],
  ["Владимирович", "Владимировна"],
  ["Николаевич", "Николаевна"],
  ["Иванович", "Ивановна"],
  ["Павлович", "Павловна"],
  ["Игоревич", "Игоревна"],
  ["Олегович", "Олеговна"],
] as const;
/**
 * Surnames in their male form; the female one adds "а" / "a". They are drawn with a skew:
 * the first are common, the last rare, as in a real register. The last one is what the
 * users search looks for, so it matches a modest share of the accounts.
 */
const RU_SURNAMES = [
  ["Иванов", "ivanov"],
  ["Смирнов", "smirnov"],
  ["Кузнецов", "kuznetsov"],
  ["Попов", "popov"],
  ["Васильев", "vasilyev"],
  ["Петров", "petrov"],
  ["Соколов", "sokolov"],
  ["Михайлов", "mikhaylov"],
  ["Новиков", "novikov"],
  ["Фёдоров", "fedorov"],
  ["Морозов", "morozov"],
  ["Волков", "volkov"],
  ["Алексеев", "alekseev"],
  ["Лебедев", "lebedev"],
  ["Семёнов", "semenov"],
  ["Егоров", "egorov"],
  ["Павлов", "pavlov"],
  ["Козлов", "kozlov"],
  ["Степанов", "stepanov"],
  ["Николаев", "nikolaev"],
  ["Орлов", "orlov"],
  ["Андреев", "andreev"],
  ["Макаров", "makarov"],
  ["Никитин", "nikitin"],
  ["Захаров", "zakharov"],
  ["Зайцев", "zaytsev"],
  ["Соловьёв", "solovyev"],
  ["Борисов", "borisov"],
  ["Яковлев", "yakovlev"],
  ["Григорьев", "grigoryev"],
  ["Романов", "romanov"],
  ["Воробьёв", "vorobyev"],
  ["Сергеев", "sergeev"],
  ["Кузьмин", "kuzmin"],
  ["Фролов", "frolov"],
  ["Александров", "aleksandrov"],
  ["Дмитриев", "dmitriev"],
  ["Королёв", "korolev"],
  ["Гусев", "gusev"],
  ["Воронцов", "vorontsov"],
] as const;
const LATIN_FIRST = [
  "James",
  "Emma",
  "Oliver",
  "Olivia",
  "Lucas",
  "Mia",
  "Noah",
  "Sophia",
  "Liam",
  "Amelia",
  "Leon",
  "Hanna",
  "Mateo",
  "Lea",
  "Elias",
  "Clara",
  "Hugo",
  "Julia",
  "Adam",
  "Nora",
  "Felix",
  "Alice",
  "Oscar",
  "Ella",
  "Jakub",
  "Zofia",
  "Luca",
  "Giulia",
  "Marek",
  "Eva",
] as const;
const LATIN_LAST = [
  "Smith",
  "Johnson",
  "Brown",
  "Miller",
  "Garcia",
  "Martin",
  "Muller",
  "Schmidt",
  "Rossi",
  "Bianchi",
  "Novak",
  "Kowalski",
  "Dubois",
  "Lambert",
  "Jansen",
  "Larsen",
  "Nielsen",
  "Fischer",
  "Weber",
  "Moreau",
  "Silva",
  "Santos",
  "Costa",
  "Horvat",
  "Nagy",
  "Kovacs",
  "Walker",
  "Wright",
  "Turner",
  "Parker",
] as const;
const EMAIL_DOMAINS = [
  "example.org",
  "example.com",
  "example.net",
  "mail.example",
  "school.example",
] as const;
const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36",
  "kabinet-device/2.3",
] as const;
// Audit actions of the accounts area and their shares, by the one who acts.
const SELF_ACTIONS = [
  "auth.login",
  "auth.login",
  "auth.login",
  "auth.logout",
  "user.profile_updated",
  "user.password_changed",
] as const;
const STAFF_ACTIONS = [
  "user.updated",
  "user.role_changed",
  "user.password_reset",
  "group.member_added",
  "group.member_removed",
] as const;
const DEVICE_ACTIONS = [
  "device.access_granted",
  "device.access_granted",
  "device.access_granted",
  "device.access_denied",
] as const;

/** Distinct device ids in the log; a third of the entries name one. */
const DEVICES = 50;
/** Device ids are drawn skewed towards 1: the main entrance sees the most traffic. */
const BUSY_DEVICE = 1;
/** Share of all entries about the busiest account: a shared one, the deep-paging subject. */
const BUSY_ACCOUNT_SHARE = 0.04;
/** Accounts acting on others (admins, teachers): the first seeded ones after the busy one. */
const STAFF_ACCOUNTS = 20;
/** Distinct group ids named by group actions. */
const GROUPS = 30;
/** Fixed seed for random(): the same data every run. */
const SEED = 0.2024;
/** Placeholder hash: seeded accounts are looked at, never signed in to. */
const PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$c2VlZGVkYWNjb3VudA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** A constant text array as SQL. The values are the constants above, quotes doubled anyway. */
function textArray(values: readonly string[]) {
  return sql.raw(`array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]::text[]`);
}

/** `1 + floor(len × r)`: a 1-based index into an array of `len`, from r in [0, 1). */
function pick(length: number, r: string) {
  return sql.raw(`(1 + floor(${length} * ${r})::int)`);
}

export interface SeedOptions {
  users: number;
  logRows: number;
}

export interface SeedResult {
  users: number;
  logRows: number;
  usersSeconds: number;
  logSeconds: number;
  indexSeconds: number;
  analyzeSeconds: number;
  totalSeconds: number;
  /** The account with the most log entries (the deep-paging subject) and their number. */
  busyUserId: number;
  busyUserRows: number;
  /** The device with the most log entries and their number. */
  busyDeviceId: number;
  busyDeviceRows: number;
  /** Part of the rarest surname: a search with a modest number of matches. */
  searchTerm: string;
}

const seconds = (from: number) => (performance.now() - from) / 1000;

/** postgres.js answers `execute` with the rows, PGlite with `{ rows }`. */
export async function rowsOf<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? [...(result as T[])] : (result as { rows: T[] }).rows;
}

async function firstRow<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T> {
  const rows = await rowsOf<T>(db, query);
  if (!rows[0]) throw new Error("The seeding query returned no row");
  return rows[0];
}

interface IndexDefinition {
  name: string;
  definition: string;
}

/** Indexes of the seeded tables other than primary keys, exactly as the migrations made them. */
async function secondaryIndexes(db: Executor): Promise<IndexDefinition[]> {
  return rowsOf<IndexDefinition>(
    db,
    sql`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in ('users', 'audit_log')
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.contype = 'p')
    order by i.tablename, i.indexname
  `,
  );
}

async function seedUsers(db: Executor, count: number): Promise<{ firstId: number }> {
  const ruMale = RU_MALE.map(([cyr]) => cyr);
  const ruMaleLatin = RU_MALE.map(([, lat]) => lat);
  const ruFemale = RU_FEMALE.map(([cyr]) => cyr);
  const ruFemaleLatin = RU_FEMALE.map(([, lat]) => lat);
  const surnames = RU_SURNAMES.map(([cyr]) => cyr);
  const surnamesLatin = RU_SURNAMES.map(([, lat]) => lat);
  const { before } = await firstRow<{ before: number }>(
    db,
    sql`select coalesce(max(id), 0)::int as before from users`,
  );
  await db.execute(sql`
    with draw as (
      select n,
        random() < 0.6 as ru,
        random() < 0.5 as female,
        random() as r_first, random() as r_last, random() as r_patronymic, random() as r_format,
        random() as r_domain, random() as r_role, random() as r_state,
        random() as r_activity, random() as r_class, random() as r_karma
      from generate_series(1, ${count}::int) as n
    ), named as (
      select d.*,
        case
          when not ru then (${textArray(LATIN_FIRST)})[${pick(LATIN_FIRST.length, "r_first")}]
          when female then (${textArray(ruFemale)})[${pick(ruFemale.length, "r_first")}]
          else (${textArray(ruMale)})[${pick(ruMale.length, "r_first")}]
        end as first_name,
        case
          when not ru then lower((${textArray(LATIN_FIRST)})[${pick(LATIN_FIRST.length, "r_first")}])
          when female then (${textArray(ruFemaleLatin)})[${pick(ruFemale.length, "r_first")}]
          else (${textArray(ruMaleLatin)})[${pick(ruMale.length, "r_first")}]
        end as first_latin,
        -- Squaring skews the draw towards the first (common) surnames.
        case
          when not ru then (${textArray(LATIN_LAST)})[${pick(LATIN_LAST.length, "r_last * r_last")}]
          else (${textArray(surnames)})[${pick(surnames.length, "r_last * r_last")}] || case when female then 'а' else '' end
        end as last_name,
        case
          when not ru then lower((${textArray(LATIN_LAST)})[${pick(LATIN_LAST.length, "r_last * r_last")}])
          else (${textArray(surnamesLatin)})[${pick(surnames.length, "r_last * r_last")}] || case when female then 'a' else '' end
        end as last_latin,
        case
          when not ru then null
          when female then (${textArray(RU_PATRONYMICS.map(([, f]) => f))})[${pick(RU_PATRONYMICS.length, "r_patronymic")}]
          else (${textArray(RU_PATRONYMICS.map(([m]) => m))})[${pick(RU_PATRONYMICS.length, "r_patronymic")}]
        end as patronymic,
        case when r_role < 0.04 then 'teacher' else 'user' end as role,
        case when r_state < 0.80 then 'activated' when r_state < 0.93 then 'new' when r_state < 0.98 then 'blocked' else 'deleted' end as state,
        -- Sign-ups spread evenly over the past year, in id order as a real table fills.
        now() - interval '365 days' * ((${count}::int - n)::float8 / ${count}::int) as created_at
      from draw d
    ), shaped as (
      select named.*,
        case
          when r_format < 0.4 then first_latin || '.' || last_latin || n
          when r_format < 0.7 then last_latin || '_' || left(first_latin, 1) || n
          when r_format < 0.9 then left(first_latin, 1) || last_latin || n
          else first_latin || n
        end as login
      from named
    )
    insert into users (login, email, password_hash, first_name, last_name, patronymic, role, state, confirmed,
                       karma, class, created_at, last_activity_at)
    select
      login,
      case when r_format < 0.5 then login else first_latin || '.' || last_latin || '.' || n end
        || '@' || (${textArray(EMAIL_DOMAINS)})[${pick(EMAIL_DOMAINS.length, "r_domain")}],
      ${PASSWORD_HASH}::text,
      first_name, last_name, patronymic, role, state,
      state <> 'new',
      floor(r_karma * r_karma * 200)::int,
      case when role = 'user' and r_class < 0.7 then ${pick(11, "r_class / 0.7")}::smallint end,
      created_at,
      case when state = 'new' and r_activity < 0.5 then null else created_at + (now() - created_at) * r_activity end
    from shaped
    order by n
  `);
  return { firstId: before + 1 };
}

async function seedLog(db: Executor, rows: number, firstUserId: number, users: number) {
  const self = textArray(SELF_ACTIONS);
  const staff = textArray(STAFF_ACTIONS);
  const device = textArray(DEVICE_ACTIONS);
  await db.execute(sql`
    with draw as (
      select n,
        random() as r_user, random() as r_kind, random() as r_action, random() as r_actor,
        random() as r_device, random() as r_agent, random() as r_group
      from generate_series(1, ${rows}::int) as n
    ), entry as (
      select d.*,
        -- A shared account gets a fixed share; the rest skews towards the older accounts.
        case when r_user < ${BUSY_ACCOUNT_SHARE}::float8 then ${firstUserId}::int
             else ${firstUserId}::int + floor(${users}::int * power((r_user - ${BUSY_ACCOUNT_SHARE}::float8) / (1 - ${BUSY_ACCOUNT_SHARE}::float8), 2))::int
        end as user_id,
        case when r_kind < 1.0 / 3 then 'device' when r_kind < 0.85 then 'self' else 'staff' end as kind
      from draw d
    )
    insert into audit_log (at, actor_id, action, user_id, group_id, device_id, ip, user_agent, details)
    select
      -- Spread evenly over the past year, in id order as an append-only log fills.
      now() - interval '365 days' * ((${rows}::int - n)::float8 / ${rows}::int),
      case kind when 'staff' then ${firstUserId + 1}::int + floor(${Math.min(STAFF_ACCOUNTS, Math.max(users - 1, 1))}::int * r_actor)::int
                else user_id end,
      case kind
        when 'device' then (${device})[${pick(DEVICE_ACTIONS.length, "r_action")}]
        when 'self' then (${self})[${pick(SELF_ACTIONS.length, "r_action")}]
        else (${staff})[${pick(STAFF_ACTIONS.length, "r_action")}]
      end,
      user_id,
      -- The last two staff actions are the group ones, and name a group.
      case when kind = 'staff' and r_action >= 0.6 then ${pick(GROUPS, "r_group")} end,
      -- Squaring skews towards the first devices.
      case when kind = 'device' then ${pick(DEVICES, "r_device * r_device")} end,
      '10.' || (n % 200) || '.' || (n / 200 % 250) || '.' || (1 + n % 250),
      (${textArray(USER_AGENTS)})[case when kind = 'device' then ${USER_AGENTS.length} else ${pick(USER_AGENTS.length - 1, "r_agent")} end],
      jsonb_build_object('seq', n, 'client', (array['web', 'ios', 'android', 'desktop'])[${pick(4, "r_agent")}])
    from entry
  `);
}

/**
 * Fills users and audit_log, then refreshes the planner's statistics. The tables' secondary
 * indexes are dropped for the load and rebuilt from their own definitions afterwards (checked
 * to come back identical): one sorted build per index instead of a million inserts into each.
 */
export async function seedAdminArea(
  db: Database,
  options: SeedOptions,
  progress: (message: string) => void,
): Promise<SeedResult> {
  const started = performance.now();
  let firstId = 0;
  let usersSeconds = 0;
  let logSeconds = 0;
  let indexSeconds = 0;
  // One transaction, so one connection: setseed() governs every random() that follows it.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(${SEED})`);
    // Room to sort each index in memory while it is rebuilt; for this transaction only.
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    const indexes = await secondaryIndexes(tx);
    for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name}"`));

    progress(`seeding ${options.users} users`);
    let from = performance.now();
    ({ firstId } = await seedUsers(tx, options.users));
    usersSeconds = seconds(from);

    progress(`seeding ${options.logRows} audit log entries`);
    from = performance.now();
    await seedLog(tx, options.logRows, firstId, options.users);
    logSeconds = seconds(from);

    progress(`rebuilding ${indexes.length} indexes`);
    from = performance.now();
    for (const index of indexes) await tx.execute(sql.raw(index.definition));
    indexSeconds = seconds(from);
    if (JSON.stringify(await secondaryIndexes(tx)) !== JSON.stringify(indexes)) {
      throw new Error("The rebuilt indexes differ from the ones the migrations created");
    }
  });

  progress("analyzing");
  const analyzeFrom = performance.now();
  // Vacuumed as autovacuum would soon do after such a load, so that it does not start during
  // a measurement, and so that index-only scans (the search's fragment list, filled from
  // users by its insert trigger) read the index alone, as they do once the tables settle.
  for (const table of ["users", "audit_log", "profile_name_grams"])
    await db.execute(sql.raw(`vacuum (analyze) ${table}`));
  // The load dirtied about a gigabyte of pages: written out now, not by a checkpoint that
  // falls in the first measurement.
  await db.execute(sql`checkpoint`);
  const analyzeSeconds = seconds(analyzeFrom);
  const totalSeconds = seconds(started);

  const busyUser = await firstRow<{ rows: number }>(
    db,
    sql`select count(*)::int as rows from audit_log where user_id = ${firstId}`,
  );
  const busyDevice = await firstRow<{ rows: number }>(
    db,
    sql`select count(*)::int as rows from audit_log where device_id = ${BUSY_DEVICE}`,
  );
  const rarest = RU_SURNAMES[RU_SURNAMES.length - 1]![0];
  return {
    users: options.users,
    logRows: options.logRows,
    usersSeconds,
    logSeconds,
    indexSeconds,
    analyzeSeconds,
    totalSeconds,
    busyUserId: firstId,
    busyUserRows: busyUser.rows,
    busyDeviceId: BUSY_DEVICE,
    busyDeviceRows: busyDevice.rows,
    // Without its first letter: a fragment, as an admin types it, matching both genders.
    searchTerm: rarest.slice(1).toLowerCase(),
  };
}

/**
 * Seeds the admin area unless the database already holds `options.users` accounts: suites
 * that run after another reuse its accounts rather than seeding twice. Answers how many
 * accounts there were before.
 */
export async function ensureSeeded(
  db: Database,
  options: SeedOptions,
  progress: (message: string) => void,
): Promise<number> {
  const [{ count }] = (await db
    .select({ count: sql<number>`count(*)::int` })
    .from(schema.users)) as [{ count: number }];
  if (count >= options.users) return count;
  const seed = await seedAdminArea(db, options, progress);
  progress(`seeded ${seed.users} users in ${seed.totalSeconds.toFixed(1)} s`);
  return count;
}
