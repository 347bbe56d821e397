namespace SleepBot.Retrieval;

/// <summary>
/// How parents in the community write: shorthand, British and American spellings and words that mean the
/// same to a sleeping baby. Both the knowledge and the question go through this, so either wording matches.
/// </summary>
internal static class ParentLanguage
{
    /// <summary>One surface word becomes one or more canonical words.</summary>
    public static readonly Dictionary<string, string[]> Expansions = new(StringComparer.Ordinal)
    {
        ["lo"] = ["baby"], ["ds"] = ["baby", "son"], ["dd"] = ["baby", "daughter"], ["bub"] = ["baby"],
        ["bubba"] = ["baby"], ["babe"] = ["baby"], ["bebe"] = ["baby"], ["infant"] = ["baby"], ["kiddo"] = ["baby"],
        ["toddler"] = ["baby", "toddler"], ["newborn"] = ["baby", "newborn"], ["ftm"] = ["first", "parent"],
        ["mo"] = ["month"], ["mos"] = ["month"], ["mth"] = ["month"], ["mths"] = ["month"], ["mnth"] = ["month"],
        ["wk"] = ["week"], ["wks"] = ["week"], ["hr"] = ["hour"], ["hrs"] = ["hour"], ["min"] = ["minute"],
        ["mins"] = ["minute"], ["yr"] = ["year"], ["yrs"] = ["year"],
        ["cio"] = ["cry", "extinction"], ["cc"] = ["check", "controlled"], ["ferber"] = ["ferber", "graduated", "check"],
        ["ferberize"] = ["ferber", "graduated", "check"], ["ferberizing"] = ["ferber", "graduated", "check"],
        ["pupd"] = ["pick", "put", "down"], ["sahm"] = ["parent"], ["dh"] = ["partner"], ["oh"] = ["partner"],
        ["hubby"] = ["partner"], ["husband"] = ["partner"], ["wife"] = ["partner"],
        ["mum"] = ["parent"], ["mom"] = ["parent"], ["mommy"] = ["parent"], ["mummy"] = ["parent"], ["mama"] = ["parent"],
        ["dad"] = ["parent"], ["daddy"] = ["parent"], ["papa"] = ["parent"], ["mother"] = ["parent"], ["father"] = ["parent"],
        ["cot"] = ["crib"], ["cotbed"] = ["crib"], ["bassinet"] = ["crib"], ["nappy"] = ["diaper"], ["nappies"] = ["diaper"],
        ["dummy"] = ["pacifier"], ["paci"] = ["pacifier"], ["binky"] = ["pacifier"], ["soother"] = ["pacifier"],
        ["scream"] = ["cry"], ["screams"] = ["cry"], ["screaming"] = ["cry"], ["screamed"] = ["cry"],
        ["wail"] = ["cry"], ["wailing"] = ["cry"], ["sob"] = ["cry"], ["sobbing"] = ["cry"], ["howl"] = ["cry"],
        ["howling"] = ["cry"], ["shriek"] = ["cry"], ["shrieking"] = ["cry"], ["yell"] = ["cry"], ["yelling"] = ["cry"],
        ["fuss"] = ["cry"], ["fussing"] = ["cry"], ["fussy"] = ["cry"], ["grizzle"] = ["cry"], ["grizzling"] = ["cry"],
        ["whinge"] = ["cry"], ["whinging"] = ["cry"], ["whine"] = ["cry"], ["whining"] = ["cry"], ["tears"] = ["cry"],
        ["behaviour"] = ["behavior"], ["practise"] = ["practice"], ["colour"] = ["color"], ["favourite"] = ["favorite"],
        ["routines"] = ["routine"], ["bedtimes"] = ["bedtime"], ["naptime"] = ["nap"], ["naps"] = ["nap"],
        ["checkin"] = ["check"], ["checkins"] = ["check"], ["bf"] = ["breastfeed"], ["ebf"] = ["breastfeed"],
        ["nursing"] = ["feed"], ["nurse"] = ["feed"], ["bottle"] = ["feed", "bottle"], ["boob"] = ["feed"],
        ["guilty"] = ["guilt"], ["anxious"] = ["anxiety"], ["cortisol"] = ["cortisol", "stress"],
        ["bond"] = ["attachment", "bond"], ["bonding"] = ["attachment", "bond"], ["attached"] = ["attachment"],
        ["trauma"] = ["harm", "trauma"], ["traumatise"] = ["harm", "trauma"], ["traumatize"] = ["harm", "trauma"],
        ["traumatised"] = ["harm", "trauma"], ["traumatized"] = ["harm", "trauma"], ["damage"] = ["harm"],
        ["damaging"] = ["harm"], ["regressions"] = ["regression"], ["sleepregression"] = ["sleep", "regression"],
        ["bawl"] = ["cry"], ["bawls"] = ["cry"], ["bawling"] = ["cry"], ["cries"] = ["cry"], ["crying"] = ["cry"],
        ["weep"] = ["cry"], ["weeping"] = ["cry"], ["meltdown"] = ["cry"], ["meltdowns"] = ["cry"], ["hysterical"] = ["cry"],
        ["kid"] = ["baby"], ["kids"] = ["baby"], ["child"] = ["baby"], ["children"] = ["baby"], ["son"] = ["baby", "son"],
        ["daughter"] = ["baby", "daughter"], ["babies"] = ["baby"], ["securely"] = ["attachment"], ["secure"] = ["attachment"],
        ["hormone"] = ["cortisol", "stress"], ["hormones"] = ["cortisol", "stress"], ["stressed"] = ["stress"],
        ["cruel"] = ["harm", "guilt"], ["selfish"] = ["guilt"], ["awful"] = ["guilt"],
        ["terrible"] = ["guilt"], ["doubting"] = ["doubt"], ["doubts"] = ["doubt"],
        ["holiday"] = ["travel"], ["holidays"] = ["travel"], ["vacation"] = ["travel"], ["trip"] = ["travel"],
        ["flying"] = ["travel"], ["flight"] = ["travel"], ["travelling"] = ["travel"], ["traveling"] = ["travel"],
        ["sick"] = ["illness"], ["ill"] = ["illness"], ["poorly"] = ["illness"], ["unwell"] = ["illness"],
        ["timed"] = ["check", "timed"], ["checks"] = ["check"], ["checking"] = ["check"],
        ["drowsy"] = ["drowsy", "awake"], ["adjust"] = ["adjust", "long"], ["adjusting"] = ["adjust", "long"],
        ["tired"] = ["tired"], ["exhausted"] = ["tired"], ["exhaustion"] = ["tired"], ["knackered"] = ["tired"],
        ["shattered"] = ["tired"], ["drained"] = ["tired"], ["sleepless"] = ["tired"],
        ["study"] = ["research"], ["studies"] = ["research"], ["evidence"] = ["research"], ["science"] = ["research"],
        ["scientific"] = ["research"], ["researchers"] = ["research"], ["scientists"] = ["research"],
        ["approach"] = ["method"], ["approaches"] = ["method"], ["technique"] = ["method"], ["techniques"] = ["method"],
        ["strategy"] = ["method"], ["strategies"] = ["method"],
        ["afraid"] = ["scared"], ["frightened"] = ["scared"], ["terrified"] = ["scared"], ["fearful"] = ["scared"],
        ["cross"] = ["angry"], ["mad"] = ["angry"], ["annoyed"] = ["angry"], ["furious"] = ["angry"], ["livid"] = ["angry"],
        ["ashamed"] = ["guilt"], ["shame"] = ["guilt"], ["snuggle"] = ["cuddl"], ["snuggles"] = ["cuddl"],
        ["left"] = ["leave"], ["connection"] = ["connect"], ["connected"] = ["connect"], ["connecting"] = ["connect"],
        ["attach"] = ["attachment"], ["regress"] = ["regression"], ["regressed"] = ["regression"], ["regressing"] = ["regression"],
        ["grandma"] = ["grandparent"], ["grandmother"] = ["grandparent"], ["granny"] = ["grandparent"], ["nana"] = ["grandparent"],
        ["grandpa"] = ["grandparent"], ["grandad"] = ["grandparent"], ["grandfather"] = ["grandparent"],
        ["pram"] = ["stroller"], ["buggy"] = ["stroller"], ["pushchair"] = ["stroller"], ["jabs"] = ["vaccination"],
        ["shots"] = ["vaccination"], ["vaccinations"] = ["vaccination"], ["immunisations"] = ["vaccination"],
        ["immunizations"] = ["vaccination"], ["teething"] = ["teeth"], ["tooth"] = ["teeth"],
        ["resettle"] = ["settl"], ["resettling"] = ["settl"], ["sleeptraining"] = ["sleep", "train"],
    };

    /// <summary>Two-word phrases folded before single words, so "cry it out" and "check in" match their shorthand.</summary>
    public static readonly Dictionary<(string, string), string[]> Phrases = new()
    {
        [("cry", "it")] = ["cry", "extinction"], [("check", "in")] = ["check"], [("check", "ins")] = ["check"],
        [("contact", "nap")] = ["contact", "nap"], [("contact", "naps")] = ["contact", "nap"],
        [("lay", "down")] = ["put", "down"], [("laid", "down")] = ["put", "down"], [("laying", "down")] = ["put", "down"],
        [("go", "in")] = ["check"], [("going", "in")] = ["check"], [("goes", "in")] = ["check"], [("went", "in")] = ["check"],
        [("pop", "in")] = ["check"], [("popping", "in")] = ["check"], [("back", "in")] = ["check"],
        [("drift", "off")] = ["sleep"], [("drifts", "off")] = ["sleep"], [("nod", "off")] = ["sleep"], [("doze", "off")] = ["sleep"],
        [("put", "down")] = ["put", "down"], [("false", "start")] = ["false", "start"], [("split", "night")] = ["split", "night"],
    };

    /// <summary>
    /// Words that make a question about babies' sleep and crying (after folding and stemming). A question sharing
    /// none of them with the knowledge is off topic, whatever other words happen to match.
    /// </summary>
    public static readonly HashSet<string> CoreWords = new(
        [
            "baby", "cry", "sleep", "asleep", "nap", "night", "bedtime", "bed", "crib", "settl", "wake", "awake", "train",
            "extinction", "ferber", "graduated", "check", "attachment", "bond", "routin", "routine", "protest", "sooth",
            "self", "feed", "breastfeed", "pacifier", "rock", "drowsy", "regression", "month", "week", "newborn", "toddler",
            "cortisol", "stress", "harm", "guilt", "doubt", "parent", "cuddl", "hold", "arm", "contact", "nurs", "room",
            "consistent", "consistency", "method", "chair", "fad", "tear", "tired", "exhaust", "overtir", "soothe", "pick", "pat",
            "shush", "shh", "partner", "progress", "setback", "clock", "schedul", "evening", "morning", "bath", "cot",
        ],
        StringComparer.Ordinal);

    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "so", "of", "to", "in", "on", "at", "for", "with", "from", "by", "as",
        "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "doing", "done", "have", "has", "had",
        "i", "im", "me", "my", "we", "us", "our", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it",
        "its", "they", "them", "their", "this", "that", "these", "those", "there", "here", "what", "which", "who", "whom",
        "whose", "where", "will", "would", "should", "could", "can", "cant", "may", "might", "must",
        "shall", "not", "no", "yes", "just", "very", "really", "so", "too", "also", "then", "than", "about", "any", "some",
        "all", "every", "each", "more", "most", "much", "many", "such", "only", "own", "same", "other", "into", "out",
        "up", "over", "again", "ok", "okay", "pls", "please", "thanks", "thank", "hi", "hello", "hey", "help", "anyone",
        "anybody", "someone", "know", "get", "got", "gets", "getting", "go", "going", "goes", "went", "like", "tho",
        "though", "u", "ur", "im", "ive", "id", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "s", "t", "d", "ll",
        "re", "ve", "m", "lol", "omg", "etc", "bit", "lot", "lots", "thing", "things", "ever", "still", "even", "yet",
    };
}
