/**
 * What finished runs tell, put together for people: {@link dev.mentor.report.RunSummary} reads a run
 * directory (a single run or a self-training run with its rounds), {@link dev.mentor.report.ResultsTable}
 * groups runs by method and label budget (mean ± std of test accuracy, wall time, images/s) and
 * {@link dev.mentor.report.HtmlReport} writes one self-contained HTML file with charts (XChart, embedded as
 * base64 PNG) and tables. Nothing here trains; everything is read from the files runs leave.
 */
package dev.mentor.report;
