/**
 * Recommendation command line: `reco eval`, `reco eval-substitutes`, `reco tune`, `reco rank`,
 * `reco bench`.
 * Only `rank` has a stdout contract (JSON lines); the others print human-readable reports.
 */
import { benchRecommendations } from "./reco/bench";
import { runEval, runTune } from "./reco/eval";
import { runEvalSubstitutes } from "./reco/eval-substitutes";
import { InputError } from "./reco/input-error";
import { runRank } from "./reco/rank";

const USAGE = [
  "usage: reco <command> [flags]",
  "  rank  --train ORDERS.csv --queries QUERIES.jsonl --k K [--catalog CATALOG.csv]",
  "        (ORDERS.csv may carry customer_id and created_at; CATALOG.csv a title)",
  "  eval  [--data groceries_long.csv] [--seeds 1,2,3,4,5] [--shrinkage B] [--lambda L] [--ease-weight A] [--nested 1]",
  "  eval-substitutes  [--data DIR (margarine)] [--seeds 1,2,3] [--inner 101,102,103]",
  "  tune  [--data groceries_long.csv] [--seed 1] [--inner 101,102,103]",
  "  bench",
].join("\n");

const io = {
  stdout: (line: string) => process.stdout.write(line + "\n"),
  stderr: (line: string) => process.stderr.write(line + "\n"),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "rank":
        return runRank(rest, io);
      case "eval":
        return runEval(rest, io);
      case "eval-substitutes":
        return runEvalSubstitutes(rest, io);
      case "tune":
        return runTune(rest, io);
      case "bench":
        await benchRecommendations(io.stdout);
        return 0;
      default:
        io.stderr(USAGE);
        return 2;
    }
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(error.message);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`reco: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
