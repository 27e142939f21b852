import type { ReactNode } from "react";
import { RecognitionCards } from "../recognition/RecognitionCards";
import type { AgentHome } from "./scorecards.api";

/**
 * Extra sections of the agent's home page (/me), each rendered under its own heading after the
 * scorecard, goals and coaching: kudos and wow stories.
 */
export interface HomeSection {
  id: string;
  title: string;
  render: (home: AgentHome) => ReactNode;
}

export const EXTRA_HOME_SECTIONS: HomeSection[] = [
  { id: "recognition", title: "Kudos and wow stories", render: () => <RecognitionCards /> },
];
