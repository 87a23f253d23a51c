/**
 * The signals `default.promptInjection` weighs. Each is a family of English phrasings (or a
 * character trick) seen in prompt-injection and jailbreak attempts, with a weight: how sure one
 * firing makes us. Phrases are matched on a normalised copy of the text: invisible characters
 * removed, NFKC (fullwidth and other compatibility letters to plain ones), lower case. A space in
 * a phrase matches any run of white space. Every pattern starts with a literal word and has
 * bounded repetitions of word alternatives, each followed by white space (which no word contains),
 * so an attempt never tries two ways of splitting the same text and matching is linear.
 */

/** A phrase pattern, written with single spaces for readability. */
function phrase(source: string): RegExp {
  return new RegExp(source.replaceAll(' ', String.raw`\s+`));
}

export interface Signal {
  weight: number;
  patterns: readonly RegExp[];
}

const determiner = '(?:(?:all|any|every|each|the|your|my|our|these|those|of|previous|prior|above|earlier|preceding|former|initial|original|old|existing|given|system|developer|safety|current) ){0,5}';

export const phraseSignals: Readonly<Record<string, Signal>> = {
  /** "Ignore all previous instructions", "disregard the system prompt", "forget everything above". */
  instruction_override: {
    weight: 0.8,
    patterns: [
      phrase(String.raw`\b(?:ignore|disregard|forget|override|bypass|skip|abandon|discard) ${determiner}(?:instructions?|rules|directions?|directives?|guidelines|guidance|prompts?|constraints|restrictions|commands?|context|programming|policies)\b`),
      phrase(String.raw`\b(?:ignore|disregard|forget) (?:all |everything |anything )?(?:(?:you were|you've been|you have been|i) (?:told|said|given) |(?:written|said|stated) )?(?:above|before|previously|so far|until now)\b`),
      phrase(String.raw`\bdo not follow (?:the |your |any )?(?:previous |above |system |original )?(?:instructions|rules)\b`),
      phrase(String.raw`\b(?:new|updated|real|actual|true) (?:system )?instructions?:`),
    ],
  },
  /** "Reveal your system prompt", "repeat the words above", "what were your initial instructions". */
  system_prompt_leak: {
    weight: 0.7,
    patterns: [
      phrase(String.raw`\b(?:reveal|show|print|display|repeat|output|tell me|give me|share|leak|dump|expose|recite|write out|spell out|what (?:is|are|was|were)) (?:me )?(?:all |exactly |verbatim )?(?:of )?(?:your|the|its) (?:(?:entire|full|whole|complete|exact|original|initial|hidden|secret|internal|confidential) ){0,2}(?:system (?:prompt|message|instructions)|(?:initial|original|hidden|secret|developer|first) (?:prompt|instructions|message)|pre-?prompt)\b`),
      phrase(String.raw`\b(?:reveal|print|repeat|output|dump|leak|recite) (?:all )?(?:of )?your (?:instructions|prompt|rules)\b`),
      phrase(String.raw`\brepeat (?:the |all )?(?:text|words|everything) above\b`),
    ],
  },
  /** "You are now DAN", "do anything now", "developer mode enabled", "act as an unfiltered AI". */
  jailbreak_persona: {
    weight: 0.8,
    patterns: [
      phrase(String.raw`\b(?:you are now|you're now|from now on,? you (?:are|will be|will act as)|act as|pretend to be|pretend you are|roleplay as|role-play as) (?:an? |the )?(?:dan|stan|dude|aim|jailbroken|unfiltered|uncensored|unrestricted|evil|unethical|amoral)\b`),
      phrase(String.raw`\bdo anything now\b`),
      phrase(String.raw`\b(?:developer|god|jailbreak|dan) mode (?:enabled|activated|on)\b`),
      phrase(String.raw`\benable (?:developer|god|jailbreak|dan) mode\b`),
    ],
  },
  /** Asking for the rules to go: "without any restrictions", "no ethical guidelines". */
  restriction_removal: {
    weight: 0.35,
    patterns: [phrase(String.raw`\b(?:without|no|free (?:of|from)|ignoring|bypassing) (?:any |all )?(?:(?:ethical|moral|safety|content) )?(?:restrictions|filters|guidelines|limitations|censorship|safeguards)\b`)],
  },
  /** Chat-template control tokens typed into a message, to fake a system turn. */
  fake_delimiters: {
    weight: 0.6,
    patterns: [/<\|(?:im_start|im_end|system|endoftext|eot_id|start_header_id|end_header_id)\|>|\[\/?inst\]|<<\/?sys>>/],
  },
};

/** Role-play framing: with `restriction_removal` it is the classic "pretend there are no rules". */
export const roleplayFraming = phrase(String.raw`\b(?:pretend|imagine|roleplay|role-play|hypothetical(?:ly)?|fictional|in a world where|stay in character)\b`);
export const roleplayWeight = 0.6;

/** The character and encoding tricks, weighed apart from the phrases. */
export const trickWeights = {
  /** Unicode tag characters outside an emoji flag: ASCII hidden from the reader. */
  unicode_tags: 0.7,
  /** Zero-width characters inside words, or bidi overrides. */
  invisible_characters: 0.4,
  /** A long base64 blob that decodes to text with injection phrases. */
  encoded_instructions: 0.8,
  /** A long base64 blob with an instruction to decode and follow it. */
  encoded_payload: 0.5,
} as const;

export const signalNames = [...Object.keys(phraseSignals), 'roleplay_jailbreak', ...Object.keys(trickWeights)];
