namespace OrleansChat;

/// <summary>A refused request: bad input, no permission, wrong state. Nothing was changed.</summary>
[GenerateSerializer, Alias("OrleansChat.ChatException")]
public sealed class ChatException : Exception
{
    public ChatException(string code, string message) : base(message) => Code = code;

    [Id(0)]
    public string Code { get; }
}
