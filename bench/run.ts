// `npm run bench`: every row provider of bench/rows/, one markdown table on stdout (progress on stderr).
import { formatTable, runBench } from './harness';

runBench((line) => console.error(line)).then(
  (rows) => {
    console.log(formatTable(rows));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
