/*
 * A real SMTP server on loopback (smtp-server) that keeps every message it
 * accepts, raw and parsed (mailparser), and can be told to refuse for a while
 * with a temporary error, as a busy mail server does.
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface Received {
  raw: string;
  mail: ParsedMail;
  to: string[];
}

export async function startSmtpSink() {
  const received: Received[] = [];
  let refusing = 0;
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusing > 0) {
        refusals += 1;
        const error = Object.assign(new Error("Try again later: the server is busy"), { responseCode: 451 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        void simpleParser(raw).then((mail) => {
          received.push({ raw, mail, to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Refuses every recipient while on (451), counting the refusals. */
    refuse(on: boolean) {
      refusing = on ? 1 : 0;
    },
    refusals: () => refusals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
