/**
 * Signs in to a Kabinet server (creating the account on first run), prints the account and
 * its sessions, then signs out.
 *
 *   KABINET_URL=http://localhost:3000 pnpm --filter @kabinet/sdk example
 *
 * KABINET_LOGIN and KABINET_PASSWORD choose the account (a demo one by default).
 */
import { createClient, isKabinetError, KabinetRequestError, type Tokens } from "@kabinet/sdk";

const baseUrl = process.env.KABINET_URL ?? "http://localhost:3000";
const login = process.env.KABINET_LOGIN ?? "quickstart_demo";
const password = process.env.KABINET_PASSWORD ?? "violet-lantern-92-harbor";

// A real app would persist the tokens here (a file, the keychain, secure storage).
function saveTokens(tokens: Tokens | null): void {
  console.log(tokens ? "· tokens received" : "· tokens cleared");
}

const kabinet = createClient({ baseUrl, onTokens: saveTokens });

async function signIn(): Promise<void> {
  try {
    await kabinet.auth.login({ login, password });
    console.log(`Signed in as ${login}`);
  } catch (error) {
    if (!isKabinetError(error, "invalid_credentials")) throw error;
    await kabinet.auth.register({
      login,
      email: `${login}@example.org`,
      password,
      first_name: "Demo",
      last_name: "User",
    });
    console.log(`Registered ${login}`);
  }
}

async function main(): Promise<void> {
  await signIn();

  const me = await kabinet.me.get();
  console.log("\nme:");
  console.log(`  #${me.id} ${me.login} <${me.email}>`);
  console.log(`  ${me.first_name} ${me.last_name}, role ${me.role}, state ${me.state}`);

  const { items } = await kabinet.me.sessions();
  console.log(`\nsessions (${items.length}):`);
  for (const session of items) {
    const marker = session.current ? "*" : " ";
    console.log(`${marker} ${session.id}  ${session.ip ?? "-"}  last used ${session.last_used_at}`);
  }

  await kabinet.auth.logout();
  console.log("\nSigned out");
}

main().catch((error: unknown) => {
  if (isKabinetError(error)) {
    console.error(`Kabinet said ${error.status} ${error.code}: ${error.detail ?? error.title}`);
    for (const field of error.fieldErrors) console.error(`  ${field.field}: ${field.message}`);
    if (error.retryAfter) console.error(`  try again in ${error.retryAfter} s`);
  } else if (error instanceof KabinetRequestError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
