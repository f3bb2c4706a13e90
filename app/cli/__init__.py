"""Headless admin work: `cppcc-desk [--data-dir DIR] SUBCOMMAND`.

Exit codes: 0 done; 1 the operation failed for a reason the message explains;
2 wrong usage (argparse's own convention, said in Chinese: app.common.console); 130 interrupted
(Ctrl+C or SIGTERM: transactions rolled back, no half-written file left).
"""
