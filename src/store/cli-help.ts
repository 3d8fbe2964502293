/** The store's lines in `xxgk-audit --help` (kept light: --help loads nothing else). */
export const storeOptionsHelp = `      --db <file|url>      keep the run in an audit store (SQLite file, or postgres://…): baseline,
                           reviews, last year's reports for the cross-year rules (docs/store.md)
      --only-new           with --db: show only findings that are new since the last stored run
      --show-suppressed    with --db: also show findings dismissed in review (xxgk-audit review)
`;
