using OrleansChat.Grains.Options;

namespace OrleansChat.Grains.Rooms;

/// <summary>Validates the new-question form (u.2) and turns it into the chat's details.</summary>
internal static class QuestionRules
{
    public static ChatDetails ToDetails(QuestionForm? form, string? userAgent, ChatOptions options)
    {
        if (form is null)
        {
            throw new ChatException(ChatError.Invalid, "The question form is missing.");
        }

        if (form.SearchedKnowledgeBase is not { } searched)
        {
            throw new ChatException(ChatError.Invalid, "Please answer whether you searched the Knowledge Base first.");
        }

        var nickname = TextRules.SingleLine(form.Nickname, "Nickname", options.MaxNameLength, required: true);
        ReservedNames.Refuse(nickname, "That nickname", options.ReservedNames);
        return new ChatDetails(
            TextRules.Required(form.Question, "Question", options.MaxQuestionLength),
            nickname,
            TextRules.Optional(form.AddOns, "Add-ons", options.MaxFieldLength),
            TextRules.SingleLine(form.BrowserVersion, "Browser version", options.MaxFieldLength, required: true),
            TextRules.SingleLine(form.OsVersion, "OS version", options.MaxFieldLength, required: true),
            searched,
            TextRules.SingleLine(userAgent, "User agent", options.MaxFieldLength, required: false));
    }
}
