"""``python -m ultrallada_data.dump PATH [--json]``: every record of a shard or split, checked.

Plain text by default (one line per record and per segment); ``--json`` prints one JSON object with
the header and every record's fields in full (what the C# agreement test compares). A format error
exits 1 with the file and the record on stderr.
"""
import json
import sys

from .errors import UldsFormatError
from .split import open as open_ulds


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    path, as_json = argv[0], "--json" in argv[1:]
    try:
        reader = open_ulds(path)
        if as_json:
            records = [
                {"shard": rec.shard, "record": rec.index, "padded": rec.padded, "tokens": rec.tokens.tolist(),
                 "segment_ids": rec.segment_ids.tolist(), "segments": [list(t) for t in rec.segment_tuples()],
                 "cu_seqlens": rec.cu_seqlens.tolist()}
                for rec in reader
            ]
            json.dump({"header": reader.header.raw, "records": records}, sys.stdout)
            sys.stdout.write("\n")
            return 0
        print(json.dumps(reader.header.raw))
        for k, rec in enumerate(reader):
            print(f"record {k} ({rec.shard} #{rec.index}): {len(rec)} tokens, {rec.num_segments} segments"
                  f"{' (padded)' if rec.padded else ''}, first tokens {rec.tokens[:8].tolist()}")
            for s, (doc, off, length) in enumerate(rec.segment_tuples()):
                print(f"  segment {s + 1}: doc {doc} offset {off} length {length}{' (continued)' if off else ''}")
        return 0
    except UldsFormatError as e:
        print(e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
