"""Real Prometheus parsers for the metrics tests.

  parse prometheus|openmetrics FILE  -> JSON list of families with their samples
  promql FILE                        -> JSON list of parse errors (null where the expression parses), one per line of FILE
"""
import json
import sys


def parse(fmt, path):
    text = open(path, encoding="utf-8").read()
    if fmt == "openmetrics":
        from prometheus_client.openmetrics.parser import text_string_to_metric_families
    else:
        from prometheus_client.parser import text_string_to_metric_families
    families = []
    for family in text_string_to_metric_families(text):
        families.append({
            "name": family.name,
            "type": family.type,
            "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
        })
    json.dump(families, sys.stdout)


def promql(path):
    import promql_parser
    errors = []
    for line in open(path, encoding="utf-8").read().splitlines():
        try:
            promql_parser.parse(line)
            errors.append(None)
        except Exception as e:  # the parser raises ValueError with the reason
            errors.append(str(e))
    json.dump(errors, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1] == "parse":
        parse(sys.argv[2], sys.argv[3])
    else:
        promql(sys.argv[2])
