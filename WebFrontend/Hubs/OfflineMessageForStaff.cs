namespace OrleansChat.Web.Hubs;

/// <summary>An open offline message as the staff's console lists it: the stored message, and whether its user is online now.</summary>
internal sealed record OfflineMessageForStaff(
    string Id, string UserId, QuestionForm Form, string UserAgent, DateTimeOffset LeftAt, bool UserOnline)
{
    public static OfflineMessageForStaff Of(OfflineMessage message, bool userOnline) =>
        new(message.Id, message.UserId, message.Form, message.UserAgent, message.LeftAt, userOnline);
}
