import { createContext, useContext } from "react";
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
