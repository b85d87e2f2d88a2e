"""Commands over what the reader names: queues, saved searches and tags."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from readlist.cli_output import entry_line, print_json

if TYPE_CHECKING:
    from readlist.library import Library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    q = sub.add_parser("queue", help="named, ordered queues")
    qs = q.add_subparsers(dest="queue_command", required=True, parser_class=type(q))
    qs.add_parser("ls")
    qs.add_parser("new").add_argument("name")
    qa = qs.add_parser("add")
    qa.add_argument("name")
    qa.add_argument("ids", nargs="+", type=int)
    qa.add_argument("--priority")
    qm = qs.add_parser("move")
    qm.add_argument("name")
    qm.add_argument("id", type=int)
    qm.add_argument("position", type=int)
    qr = qs.add_parser("rm")
    qr.add_argument("name")
    qr.add_argument("ids", nargs="+", type=int)
    qsh = qs.add_parser("show")
    qsh.add_argument("name")
    qsh.add_argument("--json", action="store_true")
    qren = qs.add_parser("rename")
    qren.add_argument("name")
    qren.add_argument("new_name")
    qs.add_parser("delete").add_argument("name")
    q.set_defaults(handler=_cmd_queue)

    s = sub.add_parser("search", help="saved searches")
    ss = s.add_subparsers(dest="search_command", required=True, parser_class=type(s))
    sv = ss.add_parser("save")
    sv.add_argument("name")
    sv.add_argument("query", nargs="+")
    ss.add_parser("ls")
    ss.add_parser("rm").add_argument("name")
    sr = ss.add_parser("run", help="list the entries a saved search finds (as ls does)")
    sr.add_argument("name")
    sr.add_argument("--all", action="store_true", help="include retired entries")
    sr.add_argument("--sort")
    sr.add_argument("--limit", type=int)
    sr.add_argument("--json", action="store_true")
    s.set_defaults(handler=_cmd_search)

    tg = sub.add_parser("tags", help="list, rename and merge tags")
    tgs = tg.add_subparsers(dest="tags_command", parser_class=type(tg))
    tls = tgs.add_parser("ls")
    tls.add_argument("--json", action="store_true")
    tren = tgs.add_parser("rename", help="respell or rename a tag")
    tren.add_argument("old")
    tren.add_argument("new")
    tm = tgs.add_parser("merge", help="fold tags into one")
    tm.add_argument("names", nargs="+")
    tm.add_argument("--into", required=True)
    tg.set_defaults(handler=_cmd_tags, json=False)


def _cmd_queue(lib: Library, args: argparse.Namespace) -> int:
    cmd = args.queue_command
    if cmd == "ls":
        for q in lib.queues():
            print(f"{q.name}\t{q.count} items\t{q.unread} to read")
    elif cmd == "new":
        lib.queue_new(args.name)
    elif cmd == "add":
        lib.queue_add(args.name, args.ids, args.priority)
    elif cmd == "move":
        lib.queue_move(args.name, args.id, args.position)
    elif cmd == "rm":
        lib.queue_remove(args.name, args.ids)
    elif cmd == "rename":
        lib.queue_rename(args.name, args.new_name)
    elif cmd == "delete":
        lib.queue_delete(args.name)
    elif cmd == "show":
        items = lib.queue_entries(args.name)
        name = next((q.name for q in lib.queues() if q.name.lower() == args.name.lower()),
                    args.name)
        if args.json:
            print_json({"name": name, "items": [v.to_json() for v in items]})
        else:
            for n, v in enumerate(items, 1):
                print(f"{n:>3}. {entry_line(v)}")
    return 0


def _cmd_search(lib: Library, args: argparse.Namespace) -> int:
    if args.search_command == "save":
        lib.search_save(args.name, " ".join(args.query))
    elif args.search_command == "run":
        from readlist.cli_entries import print_entries

        print_entries(lib, lib.saved_query(args.name), args)
    elif args.search_command == "ls":
        for s in lib.saved_searches():
            print(f"{s.name}\t{s.query}")
    else:
        lib.search_remove(args.name)
    return 0


def _cmd_tags(lib: Library, args: argparse.Namespace) -> int:
    if args.tags_command == "rename":
        lib.tag_rename(args.old, args.new)
    elif args.tags_command == "merge":
        lib.tag_merge(args.names, args.into)
    elif args.json:
        print_json([{"tag": name, "entries": n} for name, n in lib.tags()])
    else:
        for name, n in lib.tags():
            print(f"{name}\t{n}")
    return 0
