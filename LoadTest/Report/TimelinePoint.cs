namespace OrleansChat.LoadTest.Report;

internal sealed record TimelinePoint(int Second, long Sent, long Acked, long Delivered, long Errors);
