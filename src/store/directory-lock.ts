// PGlite keeps its data in a directory that only one process may open. A lock
// file with the owner's pid refuses a second bot on the same directory, and a
// lock left by a killed process (its pid gone) is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DirectoryInUseError extends Error {}

export function acquireDirectoryLock(directory: string): () => void {
  const lockFile = path.join(directory, "bot.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockFile, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DirectoryInUseError(
          `The data directory ${directory} is in use by process ${owner}. ` +
            "Stop that bot first, or set MENTORSHIP_DATA_DIR to another directory.",
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DirectoryInUseError(`Could not lock the data directory ${directory}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
