import { createContext, useContext } from "react";
import type { Member } from "../generated/schemas";
import type { People } from "./WorkspaceView";

/** Who is who in the workspace on screen, for rendering and writing mentions: its members and the reader. */
export interface Directory {
  readonly people: People;
  readonly readerId: string;
}

export const DirectoryContext = createContext<Directory>({ people: new Map(), readerId: "" });

export function useDirectory(): Directory {
  return useContext(DirectoryContext);
}

/** The workspace's active members other than the reader: those one may mention or write to. */
export function activeOthers(people: People, readerId: string): Member[] {
  return [...people.values()].filter((person) => person.status === "active" && person.user_id !== readerId);
}
