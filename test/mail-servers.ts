import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/** A free TCP port on loopback (asked of the kernel, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const DOVECOT_BINARIES = ["/usr/sbin/dovecot", "/usr/bin/dovecot"];

/**
 * Why dovecot cannot run here, or null when it can. Tests skip with this reason locally and fail
 * in CI (CI=true), where `.ci/run` installs Debian's `dovecot-imapd`.
 */
export function dovecotMissingReason(): string | null {
  const binary = DOVECOT_BINARIES.find((b) => fs.existsSync(b));
  if (!binary) return "dovecot is not installed (Debian: apt-get install dovecot-imapd)";
  const version = spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (version.status !== 0) return `dovecot --version failed: ${version.stderr.trim()}`;
  return null;
}

export interface TestImapServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Stops dovecot and removes its temp dir. */
  stop(): Promise<void>;
}

function lookupUser(name: string): { uid: number; gid: number } | null {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  const parts = line?.split(":");
  return parts && parts.length > 3 ? { uid: Number(parts[2]), gid: Number(parts[3]) } : null;
}

async function waitForGreeting(
  port: number,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.setTimeout(1000);
      socket.once("data", (d) => {
        socket.destroy();
        resolve(d.toString().startsWith("* OK"));
      });
      socket.once("error", () => resolve(false));
      socket.once("timeout", () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not answer on port ${port}: ${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts a private dovecot (IMAP only, plaintext login on 127.0.0.1) with everything in a temp
 * dir: config, passwd-file, maildirs, base and state dirs. Nothing of the system's dovecot setup
 * is read or changed. Run as a normal user, every process runs as that user; run as root (CI),
 * dovecot insists on its own unprivileged users, so the mail user gets the `dovecot` uid.
 */
export async function startDovecot(
  opts: { user?: string; password?: string } = {},
): Promise<TestImapServer> {
  const binary = DOVECOT_BINARIES.find((b) => fs.existsSync(b));
  if (!binary) throw new Error("dovecot is not installed");
  const user = opts.user ?? "support@acme.test";
  const password = opts.password ?? "imap-test-password";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const me = os.userInfo();
  const root = me.uid === 0;
  const mailOwner = root ? lookupUser("dovecot") : { uid: me.uid, gid: me.gid };
  if (!mailOwner)
    throw new Error(
      "running as root needs the 'dovecot' system user (installed with dovecot-core)",
    );
  const mailRoot = path.join(dir, "mail");
  for (const sub of ["base", "state", "mail"]) fs.mkdirSync(path.join(dir, sub));
  if (root) fs.chownSync(mailRoot, mailOwner.uid, mailOwner.gid);
  fs.writeFileSync(
    path.join(dir, "passwd"),
    `${user}:{PLAIN}${password}:${mailOwner.uid}:${mailOwner.gid}::${path.join(mailRoot, "user")}::\n`,
  );
  const group = spawnSync("id", ["-gn"], { encoding: "utf8" }).stdout.trim();
  const conf = [
    "protocols = imap",
    "listen = 127.0.0.1",
    `base_dir = ${path.join(dir, "base")}`,
    `state_dir = ${path.join(dir, "state")}`,
    `instance_name = rapport-test-${port}`,
    `log_path = ${path.join(dir, "dovecot.log")}`,
    "ssl = no",
    "disable_plaintext_auth = no",
    "auth_mechanisms = plain login",
    "mail_location = maildir:~/Maildir",
    "first_valid_uid = 1",
    // Without these, dovecot looks for its system users and chroots the login process: both need root.
    ...(root
      ? []
      : [
          `default_internal_user = ${me.username}`,
          `default_internal_group = ${group}`,
          `default_login_user = ${me.username}`,
        ]),
    "passdb {",
    "  driver = passwd-file",
    `  args = scheme=PLAIN ${path.join(dir, "passwd")}`,
    "}",
    "userdb {",
    "  driver = passwd-file",
    `  args = ${path.join(dir, "passwd")}`,
    "}",
    "service imap-login {",
    ...(root ? [] : ["  chroot ="]),
    "  inet_listener imap {",
    "    address = 127.0.0.1",
    `    port = ${port}`,
    "  }",
    "  inet_listener imaps {",
    "    port = 0",
    "  }",
    "}",
    ...(root ? [] : ["service anvil {", "  chroot =", "}"]),
    "",
  ].join("\n");
  const confFile = path.join(dir, "dovecot.conf");
  fs.writeFileSync(confFile, conf);
  const child = spawn(binary, ["-F", "-c", confFile], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const log = () => {
    const file = path.join(dir, "dovecot.log");
    return `${output}${fs.existsSync(file) ? fs.readFileSync(file, "utf8").slice(-2000) : ""}`;
  };
  try {
    await waitForGreeting(port, child, log);
  } catch (err) {
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ReceivedMail {
  from: string | false;
  to: string[];
  /** The authenticated user, when the client logged in. */
  user: string | undefined;
  raw: Buffer;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Resolves with the next message received (or one already waiting). */
  nextMail(): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

/**
 * An `smtp-server` on 127.0.0.1 that accepts any login and keeps every message in memory. No TLS:
 * the transport must send plaintext AUTH, which `allowInsecureAuth` permits on loopback only here.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters: ((m: ReceivedMail) => void)[] = [];
  let consumed = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : undefined,
          raw: Buffer.concat(chunks),
        };
        received.push(mail);
        const waiter = waiters.shift();
        if (waiter) {
          consumed += 1;
          waiter(mail);
        }
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    received,
    nextMail() {
      const waiting = received[consumed];
      if (waiting) {
        consumed += 1;
        return Promise.resolve(waiting);
      }
      return new Promise((resolve) => waiters.push(resolve));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
