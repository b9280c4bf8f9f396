"""The file to give spark-submit: `newstrace spark ...` run inside spark-submit's session.

    spark-submit --master yarn "$(python -m newstrace.spark.submit --path)" run INPUTS... --out OUT

(`--path` prints this file's location; spark-submit ships it to the cluster.)
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--path"]:
        print(__file__)
        return
    from newstrace.spark.cli import spark_group  # absolute: spark-submit runs this file as a script

    spark_group.main(args=args, prog_name="newstrace spark")


if __name__ == "__main__":
    main()
