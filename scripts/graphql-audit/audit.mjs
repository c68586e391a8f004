// GraphQL-over-HTTP conformance audit of a running Beleidsgraaf server, with the audits of
// the graphql-http package (https://github.com/graphql/graphql-http).
//
//   node audit.mjs [URL]        URL defaults to $GRAPHQL_URL, then http://127.0.0.1:8080/graphql
//
// Prints one line per audit (ok, or the level and the reason) and a summary line:
//
//   graphql-http audit: N passed, M MUST failures, K SHOULD/MAY warnings
//
// Exits 1 when any MUST-level audit fails, 2 when the audit itself cannot run.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] || process.env.GRAPHQL_URL || 'http://127.0.0.1:8080/graphql';

// The level is the first word of the audit's name: MUST, SHOULD or MAY.
const level = (name) => name.split(' ', 1)[0];

async function main() {
  let passed = 0;
  let mustFailures = 0;
  let warnings = 0;
  for (const audit of serverAudits({ url })) {
    const result = await audit.fn();
    if (result.status === 'ok') {
      passed++;
      console.log(`ok    ${result.id} ${result.name}`);
      continue;
    }
    // graphql-http marks failed MUST audits as "error", the rest as "warn" or "notice";
    // count by the audit's own level so that the two can never disagree.
    const must = result.status === 'error' || level(result.name) === 'MUST';
    if (must) {
      mustFailures++;
    } else {
      warnings++;
    }
    let body = '';
    try {
      body = (await result.response.clone().text()).slice(0, 300);
    } catch {
      // the body was read already; the reason says enough
    }
    console.log(`${must ? 'FAIL ' : 'warn '} ${result.id} ${result.name}`);
    console.log(`      ${result.reason}${body ? ` (status ${result.response.status}, body ${body})` : ''}`);
  }
  console.log(`graphql-http audit: ${passed} passed, ${mustFailures} MUST failures, ${warnings} SHOULD/MAY warnings`);
  return mustFailures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`graphql-http audit could not run against ${url}: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  },
);
