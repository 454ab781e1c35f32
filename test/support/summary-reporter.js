/**
 * Ends every jest run with one plain line, `N passed, N failed`, alone on its
 * line in stdout, for CI to read without parsing jest's own output.
 *
 * A suite that crashes before its tests run (a syntax error, a failing
 * beforeAll import) reports no failed test; it counts as one failure here so
 * that the line never reads "0 failed" for a red run.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const crashedSuites = results.testResults.filter(
      (suite) => suite.testExecError && suite.numFailingTests === 0,
    ).length;
    const failed = results.numFailedTests + crashedSuites;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
  }
}

module.exports = SummaryReporter;
