using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Grains.Options;

/// <summary>Checked when the silo starts: a bad limit stops it with a message naming the setting.</summary>
public sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options) => new SettingsCheck(ChatOptions.SectionName)
        .AtLeast(1, options.MaxMessageLength)
        .AtLeast(1, options.MaxQuestionLength)
        .AtLeast(1, options.MaxNameLength)
        .AtLeast(1, options.MaxFieldLength)
        .AtLeast(1, options.MaxPageSize)
        .Positive(options.OfferTimeout)
        .AtLeast(1, options.DefaultHelperCapacity)
        .AtLeast(options.DefaultHelperCapacity, options.MaxHelperCapacity)
        .Positive(options.DefaultWaitPerPosition)
        .AtLeast(1, options.PreviousChatsKept)
        .AtLeast(0, options.LostRoomsKept)
        .AtLeast(1, options.MaxOpenRooms)
        .AtLeast(0, options.MaxDraftLength)
        .AtLeast(1, options.MinPasswordLength)
        .AtLeast(options.MinPasswordLength, options.MaxPasswordLength)
        .AtLeast(1, options.PasswordHashIterations)
        .AtLeast(1, options.LockoutThreshold)
        .Positive(options.LockoutDuration)
        .Positive(options.RoomDirectoryActivityInterval)
        .Positive(options.RoomDirectoryFlushPeriod)
        .AtLeast(0, options.RoomDirectoryEndedKept)
        .AtLeast(1, options.MaxWorkgroups)
        .AtLeast(1, options.MaxWorkgroupMembers)
        .AtLeast(1, options.MaxCannedResponses)
        .Positive(options.PresenceExpiry)
        .Positive(options.RosterPushInterval)
        .Positive(options.StatusPushInterval)
        .Positive(options.SessionWriteBehind)
        .AtLeast(1, options.QuestionPreviewChars)
        .Positive(options.HelperSlotCheckInterval)
        .Positive(options.QueueCheckInterval)
        .Positive(options.PushHoldForUnknownFrontend)
        .AtLeast(1, options.PushHeldMax)
        .Result;
}
