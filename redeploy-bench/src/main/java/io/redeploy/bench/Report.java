package io.redeploy.bench;

import java.util.ArrayList;
import java.util.List;

/** The results as Markdown: a header on the machine and the run, one table per scenario, the targets. */
final class Report {

	private static final String[] HEADER = { "measure", "median", "min – max", "floor (median)", "ratio", "target", "" };

	private Report() {
	}

	static String markdown(String header, List<Section> sections) {
		StringBuilder out = new StringBuilder(header).append('\n');
		for (Section section : sections) {
			out.append("### ").append(section.title()).append("\n\n").append(section.note()).append("\n\n");
			table(out, section.rows());
			out.append('\n');
		}
		List<Row> targets = new ArrayList<>();
		for (Section section : sections) {
			section.rows().stream().filter((row) -> row.target().isPresent()).forEach(targets::add);
		}
		long missed = targets.stream().filter((row) -> !row.verdict().equals("pass")).count();
		out.append("### Targets: ").append(targets.size() - missed).append(" of ").append(targets.size()).append(" met\n\n");
		table(out, targets);
		return out.toString();
	}

	/** Every value of every row, for whoever wants more than medians: section, measure, unit, which, run, value. */
	static String csv(List<Section> sections) {
		StringBuilder out = new StringBuilder("section,measure,unit,series,run,value\n");
		for (Section section : sections) {
			for (Row row : section.rows()) {
				values(out, section, row, "ours", row.ours());
				values(out, section, row, row.floorName(), row.floor());
			}
		}
		return out.toString();
	}

	private static void values(StringBuilder out, Section section, Row row, String series, Samples samples) {
		for (int i = 0; i < samples.values().size(); i++) {
			out.append(quote(section.title())).append(',').append(quote(row.measure())).append(',').append(row.unit())
				.append(',').append(quote(series)).append(',').append(i + 1).append(',').append(samples.values().get(i))
				.append('\n');
		}
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}

	private static void table(StringBuilder out, List<Row> rows) {
		out.append("| " + String.join(" | ", HEADER) + " |").append('\n');
		out.append("| --- | ---: | ---: | --- | ---: | --- | --- |\n");
		rows.forEach((row) -> out.append(line(row.cells())).append('\n'));
	}

	// a | inside a cell (a shell pipe) would end the cell
	private static String line(String[] cells) {
		return "| " + String.join(" | ", java.util.Arrays.stream(cells).map((cell) -> cell.replace("|", "\\|")).toList()) + " |";
	}

}
