namespace Yiju.Hotline;

/// <summary>Marker for the hotline pages' strings: HotlineText.resx is Simplified Chinese (the default), HotlineText.en.resx English.</summary>
public sealed class HotlineText;
