namespace OrleansChat.LoadTest.Load;

internal sealed record HelperLogin(string UserName, string Password, int Rooms);
