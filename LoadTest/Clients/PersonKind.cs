namespace OrleansChat.LoadTest.Clients;

internal enum PersonKind
{
    User,
    Helper,
    Monitor,
}
